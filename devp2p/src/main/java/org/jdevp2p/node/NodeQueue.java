package org.jdevp2p.node;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdevp2p.enr.NodeRecord;

/**
 * A bounded, thread-safe {@link NodeSource} that a producer pushes into, e.g. discv5 handing the
 * nodes it finds to the dialer. When full, the oldest candidate is dropped: a fresh record is the
 * more likely to be reachable. The queue does not merge records of the same node.
 */
public final class NodeQueue implements NodeSource {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<NodeRecord> queue = new ArrayDeque<>();
  private long dropped;
  private boolean closed;

  /** A queue holding at most capacity candidates (at least 1). */
  public NodeQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    this.capacity = capacity;
  }

  /**
   * Adds a candidate, dropping the oldest when the queue is full. Returns false, and adds nothing,
   * once the queue is closed.
   */
  public boolean offer(NodeRecord node) {
    Objects.requireNonNull(node, "node");
    lock.lock();
    try {
      if (closed) return false;
      if (queue.size() == capacity) {
        queue.removeFirst();
        dropped++;
      }
      queue.addLast(node);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<NodeRecord> next(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (queue.isEmpty() && !closed) {
        if (nanos <= 0) return Optional.empty();
        nanos = notEmpty.awaitNanos(nanos);
      }
      return Optional.ofNullable(queue.pollFirst());
    } finally {
      lock.unlock();
    }
  }

  /** Candidates waiting to be taken. */
  public int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many candidates were dropped because the queue was full. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the queue: waiting candidates are discarded and a blocked {@link #next} returns empty. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
