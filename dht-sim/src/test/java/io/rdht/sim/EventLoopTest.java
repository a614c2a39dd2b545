package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

class EventLoopTest {

    private final EventLoop loop = new EventLoop(1_000);
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsTasksInOrderOfDueTimeThenOfScheduling() {
        loop.schedule(() -> ran.add("b@20"), 20, TimeUnit.MILLISECONDS);
        loop.schedule(() -> ran.add("a@10"), 10, TimeUnit.MILLISECONDS);
        loop.schedule(() -> ran.add("c@20"), 20, TimeUnit.MILLISECONDS);
        loop.schedule(() -> ran.add("now"));
        loop.runUntil(1_015);
        assertThat(ran).containsExactly("now", "a@10");
        assertThat(loop.nowMillis()).isEqualTo(1_015);
        loop.runUntil(2_000);
        assertThat(ran).containsExactly("now", "a@10", "b@20", "c@20");
        assertThat(loop.tasksRun()).isEqualTo(4);
    }

    @Test
    void aTaskSeesTheClockAtItsDueTimeAndMayScheduleMore() {
        loop.schedule(
                () -> {
                    ran.add("first@" + loop.nowMillis());
                    loop.schedule(() -> ran.add("second@" + loop.nowMillis()), 5, TimeUnit.MILLISECONDS);
                },
                10,
                TimeUnit.MILLISECONDS);
        loop.runUntil(1_100);
        assertThat(ran).containsExactly("first@1010", "second@1015");
    }

    @Test
    void cancelledTasksAndTasksOfADisposedWorkerDoNotRun() {
        Disposable cancelled = loop.schedule(() -> ran.add("cancelled"), 5, TimeUnit.MILLISECONDS);
        Scheduler.Worker worker = loop.createWorker();
        worker.schedule(() -> ran.add("worker"), 5, TimeUnit.MILLISECONDS);
        loop.schedule(() -> ran.add("kept"), 5, TimeUnit.MILLISECONDS);
        cancelled.dispose();
        worker.dispose();
        loop.runUntil(1_010);
        assertThat(ran).containsExactly("kept");
        assertThat(cancelled.isDisposed()).isTrue();
        assertThat(loop.pending()).isZero();
    }
}
