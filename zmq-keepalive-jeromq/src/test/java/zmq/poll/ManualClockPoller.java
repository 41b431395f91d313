package zmq.poll;

import java.util.ArrayList;
import java.util.List;

/**
 * JeroMQ's timer list ({@link PollerBase}) driven by a clock the test moves, with no I/O and
 * no thread of its own: the test thread is the poller's worker, so timers are added,
 * cancelled and run exactly as an I/O thread would, one step at a time. Lives in JeroMQ's
 * package because {@code PollerBase} is package-private.
 */
final class ManualClockPoller extends PollerBase {

	private long now;

	ManualClockPoller() {
		// The worker is the calling thread: PollerBase asserts timers are used only on it.
		super("manual-clock", (runnable, name) -> Thread.currentThread());
	}

	@Override
	long clock() {
		return this.now;
	}

	void setTime(long millis) {
		this.now = millis;
	}

	/** Move the clock in steps, running due timers at each as a poller turn would. */
	void runUntil(long millis, long step) {
		for (long t = this.now; t <= millis; t += step) {
			this.now = t;
			executeTimers();
		}
	}

	@Override
	public void run() {
	}

	/** Records which timer fired when; can run an action when a given timer fires. */
	static final class RecordingSink implements IPollEvents {

		private final ManualClockPoller poller;

		private final List<String> fired = new ArrayList<>();

		private int reactTo = -1;

		private Runnable reaction = () -> {
		};

		RecordingSink(ManualClockPoller poller) {
			this.poller = poller;
		}

		void onTimer(int id, Runnable reaction) {
			this.reactTo = id;
			this.reaction = reaction;
		}

		List<String> fired() {
			return this.fired;
		}

		@Override
		public void timerEvent(int id) {
			this.fired.add(Integer.toHexString(id) + "@" + this.poller.clock());
			if (id == this.reactTo) {
				this.reaction.run();
			}
		}

		@Override
		public void inEvent() {
		}

		@Override
		public void outEvent() {
		}

		@Override
		public void connectEvent() {
		}

		@Override
		public void acceptEvent() {
		}

	}

}
