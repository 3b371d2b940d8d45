package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchPoolTest {
  /** A stand-in for the scan state that knows whether someone holds it. */
  static final class State {
    final AtomicBoolean held = new AtomicBoolean();
  }

  @Test
  void aPlatformThreadKeepsItsOwnStateAndNeverPoolsIt() {
    ScratchPool<State> pool = new ScratchPool<>(State::new, 4);
    assertFalse(ScratchPool.isVirtual(Thread.currentThread()));
    State mine = pool.acquire();
    pool.release(mine);
    assertSame(mine, pool.acquire(), "the thread-local state again");
    assertNotSame(mine, pool.borrow(), "released by a platform thread, so not in the pool");
  }

  @Test
  void borrowedStatesComeBackAndAFullPoolDropsTheRest() {
    AtomicInteger created = new AtomicInteger();
    ScratchPool<State> pool = new ScratchPool<>(() -> {
      created.incrementAndGet();
      return new State();
    }, 2);
    List<State> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(pool.borrow());
    }
    assertEquals(3, created.get(), "an empty pool makes new states");
    out.forEach(pool::giveBack); // the third is dropped
    State a = pool.borrow();
    State b = pool.borrow();
    assertSame(out.get(0), a);
    assertSame(out.get(1), b);
    assertEquals(3, created.get());
    pool.borrow();
    assertEquals(4, created.get(), "the dropped one is not kept");
  }

  @Test
  void aStateIsNeverLentToTwoHoldersAtOnce() throws InterruptedException {
    ScratchPool<State> pool = new ScratchPool<>(State::new, 3);
    AtomicInteger clashes = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          State s = pool.borrow();
          if (!s.held.compareAndSet(false, true)) {
            clashes.incrementAndGet();
          }
          Thread.onSpinWait();
          s.held.set(false);
          pool.giveBack(s);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, clashes.get());
  }
}
