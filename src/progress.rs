//! A progress line on the terminal, shown only when a build takes long.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Builds faster than this never show progress.
const QUIET_FOR: Duration = Duration::from_millis(800);

/// Counts rendered files and redraws `done/total` on stderr after a delay.
pub struct Progress {
    done: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts counting; draws nothing unless stderr is a terminal.
    pub fn start(total: usize) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (done.clone(), stop.clone());
            std::thread::spawn(move || draw(total, &done, &stop))
        });
        Progress { done, stop, thread }
    }

    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

fn draw(total: usize, done: &AtomicUsize, stop: &AtomicBool) {
    let start = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if start.elapsed() < QUIET_FOR {
            continue;
        }
        let n = done.load(Ordering::Relaxed).min(total);
        let width = 30;
        let filled = (n * width).checked_div(total).unwrap_or(width);
        eprint!("\r[{}{}] {n}/{total}", "#".repeat(filled), " ".repeat(width - filled));
        let _ = std::io::stderr().flush();
        drawn = true;
    }
    if drawn {
        eprint!("\r\x1b[K");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
