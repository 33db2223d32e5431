/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the log as static files, with the path
 * arithmetic in {@link dev.castellan.log.tiles.TileLayout} (pure functions) and
 * {@link dev.castellan.log.tiles.TileWriter} writing checkpoint, hash tiles and entry bundles.
 */
package dev.castellan.log.tiles;
