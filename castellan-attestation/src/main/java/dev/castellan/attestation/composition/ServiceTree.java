package dev.castellan.attestation.composition;

import dev.castellan.core.smt.SmtProof;
import dev.castellan.core.smt.SparseMerkleTree;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VM's services as a sparse Merkle tree of {@link ServiceLeaf}s (docs/smt.md for the tree,
 * docs/agent.md for the leaves). Immutable once built; safe for concurrent use.
 */
public final class ServiceTree {
  /** Most services one tree holds: far more than a VM runs, and it bounds an agent's memory. */
  public static final int MAX_SERVICES = 4096;

  private final Map<String, ServiceLeaf> leaves;
  private final SparseMerkleTree tree;
  private final byte[] root;

  private ServiceTree(Map<String, ServiceLeaf> leaves, SparseMerkleTree tree) {
    this.leaves = leaves;
    this.tree = tree;
    this.root = tree.root();
  }

  /**
   * The tree of {@code services}.
   *
   * @throws IllegalArgumentException if a name repeats or there are more than {@link #MAX_SERVICES}
   */
  public static ServiceTree of(Collection<ServiceLeaf> services) {
    if (services.size() > MAX_SERVICES) {
      throw new IllegalArgumentException("at most " + MAX_SERVICES + " services, got " + services.size());
    }
    Map<String, ServiceLeaf> leaves = new LinkedHashMap<>();
    SparseMerkleTree tree = new SparseMerkleTree();
    for (ServiceLeaf leaf : services) {
      if (leaves.putIfAbsent(leaf.name(), leaf) != null) {
        throw new IllegalArgumentException("service " + leaf.name() + " is listed twice");
      }
      tree.put(leaf.key(), leaf.value());
    }
    return new ServiceTree(leaves, tree);
  }

  /** The root, 32 bytes (all zero for no services). */
  public byte[] root() {
    return root.clone();
  }

  public List<ServiceLeaf> leaves() {
    return List.copyOf(leaves.values());
  }

  public Optional<ServiceLeaf> leaf(String name) {
    return Optional.ofNullable(leaves.get(name));
  }

  /**
   * A membership proof for {@code name} if it is in the tree, else a non-membership proof.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid service name
   */
  public synchronized SmtProof prove(String name) {
    return tree.prove(ServiceLeaf.key(name));
  }
}
