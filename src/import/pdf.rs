//! The text of a PDF report, extracted by `pdftotext` (poppler-utils) with
//! `-layout`, which keeps the columns of the report's tables side by side
//! (so that strengths and improvements can be told apart) and each table row
//! on one line. The README says why this tool and not a Rust crate.
//!
//! A PDF from a stranger (`/bidra`) is read under limits: a time limit
//! (coreutils `timeout`) and a cap on the tool's memory (util-linux
//! `prlimit --as`), run without a shell, in a temporary folder of its own
//! that is removed afterwards, with its output capped.
//!
//! The tool runs in a process group of its own, and whatever stops it early
//! (text past the cap, a deadline passed) kills the whole group: killing
//! the wrapper alone would leave `pdftotext` orphaned, blocked on a pipe no
//! one reads. Nothing here waits without a deadline when a time limit is
//! given: the pipes are read on threads of their own and waited for until
//! the time limit and a grace period have passed.

use std::io::Read;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::problem::{Field, ImportError, PdfProblem};

/// The program, overridable for machines where it lives elsewhere.
const PROGRAM_ENV: &str = "KOMPASS_PDFTOTEXT";
const PROGRAM: &str = "pdftotext";
/// `timeout`'s status when the time ran out (and after `--kill-after`).
const TIMED_OUT: [i32; 2] = [124, 137];

/// Whether the bytes are a PDF ("%PDF-" within the first kilobyte, as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

fn program(limits: &Limits) -> String {
    limits
        .program
        .clone()
        .or_else(|| std::env::var(PROGRAM_ENV).ok())
        .unwrap_or_else(|| PROGRAM.to_string())
}

/// How a PDF is read: the limits on the tool and where its folder goes.
/// The default (the command line, on the user's own files) has no limits.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    /// Stop the tool after this long.
    pub time: Option<Duration>,
    /// Cap the tool's address space at this many bytes.
    pub memory: Option<u64>,
    /// Refuse text longer than this many bytes (a report's is ~150 kB).
    pub output: Option<u64>,
    /// Where the tool's temporary folder is made (default: the system's).
    pub temp_parent: Option<PathBuf>,
    /// The program (default: `KOMPASS_PDFTOTEXT`, else `pdftotext`).
    pub program: Option<String>,
}

/// Runs `pdftotext -layout -enc UTF-8 in.pdf -` on the bytes.
pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    extract_text_with(path, bytes, &Limits::default())
}

/// The command: `[prlimit --as=N --] [timeout -k 2 S] pdftotext ...`.
fn command(limits: &Limits, program: &str, dir: &Path) -> Command {
    let mut words: Vec<String> = Vec::new();
    if let Some(bytes) = limits.memory {
        words.extend(["prlimit".into(), format!("--as={bytes}"), "--".into()]);
    }
    if let Some(time) = limits.time {
        let seconds = time.as_secs().max(1).to_string();
        words.extend(["timeout".into(), "-k".into(), "2".into(), seconds]);
    }
    words.push(program.to_string());
    words.extend(["-layout", "-enc", "UTF-8", "in.pdf", "-"].map(String::from));
    let mut cmd = Command::new(&words[0]);
    cmd.args(&words[1..])
        .current_dir(dir)
        // Whatever the tool writes on its own goes into its folder too.
        .env("TMPDIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A group of its own, so that one signal reaches the tool and its
        // wrappers alike (`timeout` keeps to the group it is started in).
        .process_group(0);
    cmd
}

/// How long past its time limit the tool is waited for before its group is
/// killed (`timeout -k 2` should have ended it by then).
const GRACE: Duration = Duration::from_secs(4);
/// How long the pipes and the exit are waited for once the group is killed.
const AFTER_KILL: Duration = Duration::from_secs(5);
/// The most of the tool's error output kept.
const STDERR_CAP: u64 = 64 * 1024;

/// The running tool's process group, killed when dropped unless it ended by
/// itself: no path out of `run` leaves a process behind.
struct Group {
    child: Child,
    ended: bool,
}

impl Group {
    fn kill(&mut self) {
        if self.ended {
            return;
        }
        // The group's id is the child's (`process_group(0)`). `kill` (procps
        // or util-linux, beside `prlimit`) signals a group without unsafe code.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
    }

    /// The exit status, waited for until `deadline` (for ever without one).
    fn wait(&mut self, deadline: Option<Instant>) -> Option<ExitStatus> {
        let Some(deadline) = deadline else {
            let status = self.child.wait().ok();
            self.ended = status.is_some();
            return status;
        };
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    self.ended = true;
                    return Some(status);
                }
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                _ => return None,
            }
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
        let _ = self.child.try_wait();
    }
}

/// What the tool gave, or why it was stopped early.
enum Output {
    Text(Vec<u8>, std::io::Result<usize>),
    OverCap,
    TooLong,
}

/// A value a thread sends, received until `deadline` (for ever without one).
fn receive<T>(rx: &mpsc::Receiver<T>, deadline: Option<Instant>) -> Option<T> {
    match deadline {
        Some(d) => rx
            .recv_timeout(d.saturating_duration_since(Instant::now()))
            .ok(),
        None => rx.recv().ok(),
    }
}

/// Reads the tool's output (at most `cap` bytes, then the group is killed)
/// and its error output, each on a thread, until `deadline`; then the exit
/// status. The group is killed on every early way out.
fn collect(
    mut group: Group,
    stdout: ChildStdout,
    stderr: ChildStderr,
    cap: u64,
    deadline: Option<Instant>,
) -> (Output, Option<ExitStatus>, String) {
    let (out_tx, out_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = Vec::new();
        let read = stdout.take(cap.saturating_add(1)).read_to_end(&mut text);
        let _ = out_tx.send((text, read));
    });
    let (err_tx, err_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.take(STDERR_CAP).read_to_string(&mut text);
        let _ = err_tx.send(text);
    });
    let output = match receive(&out_rx, deadline) {
        Some((text, _)) if text.len() as u64 > cap => Output::OverCap,
        Some((text, read)) => Output::Text(text, read),
        None => Output::TooLong,
    };
    let status = match output {
        Output::Text(..) => group.wait(deadline),
        Output::OverCap | Output::TooLong => None,
    };
    if status.is_none() {
        group.kill();
    }
    let after_kill = Some(Instant::now() + AFTER_KILL);
    let status = status.or_else(|| group.wait(after_kill));
    let stderr = receive(&err_rx, after_kill).unwrap_or_default();
    drop(group);
    (output, status, stderr)
}

/// Runs the tool under `limits` in a temporary folder of its own, which is
/// removed when it is done (the PDF is written there, nowhere else).
pub fn extract_text_with(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<String, ImportError> {
    let program = program(limits);
    let fail = |problem: PdfProblem| ImportError::one(path, None, Field::Pdf, problem);
    let parent = limits
        .temp_parent
        .clone()
        .unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::Builder::new()
        .prefix("kompass-pdf-")
        .tempdir_in(&parent)
        .map_err(|e| {
            fail(PdfProblem::TempFolder {
                folder: parent.clone(),
                error: e.to_string(),
            })
        })?;
    std::fs::write(dir.path().join("in.pdf"), bytes).map_err(|e| {
        fail(PdfProblem::WritePdf {
            folder: dir.path().to_path_buf(),
            error: e.to_string(),
        })
    })?;
    let mut cmd = command(limits, &program, dir.path());
    let launcher = cmd.get_program().to_string_lossy().to_string();
    let mut child = cmd.spawn().map_err(|e| {
        fail(if e.kind() != std::io::ErrorKind::NotFound {
            PdfProblem::Launch {
                launcher: launcher.clone(),
                error: e.to_string(),
            }
        } else if launcher == program {
            PdfProblem::NotInstalled {
                program: program.clone(),
            }
        } else {
            PdfProblem::LimitsMissing {
                launcher: launcher.clone(),
            }
        })
    })?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        drop(Group {
            child,
            ended: false,
        });
        return Err(fail(PdfProblem::ReadOutput {
            program: program.clone(),
            error: None,
        }));
    };
    let group = Group {
        child,
        ended: false,
    };
    let cap = limits.output.unwrap_or(u64::MAX);
    let deadline = limits.time.map(|t| Instant::now() + t + GRACE);
    let (output, status, stderr) = collect(group, stdout, stderr, cap, deadline);
    drop(dir);
    let timed_out = || {
        fail(PdfProblem::TimedOut {
            program: program.clone(),
            seconds: limits.time.map_or(0, |t| t.as_secs()),
        })
    };
    let (text, read) = match output {
        Output::Text(text, read) => (text, read),
        Output::OverCap => {
            return Err(fail(PdfProblem::TooLong {
                megabytes: cap / 1_000_000,
            }));
        }
        Output::TooLong => return Err(timed_out()),
    };
    read.map_err(|e| {
        fail(PdfProblem::ReadOutput {
            program: program.clone(),
            error: Some(e.to_string()),
        })
    })?;
    let Some(status) = status else {
        return Err(timed_out());
    };
    if !status.success() {
        return Err(fail(failure(&program, status, stderr.trim(), limits)));
    }
    String::from_utf8(text).map_err(|_| fail(PdfProblem::NotUtf8 { program }))
}

/// Why the tool stopped without its text.
fn failure(program: &str, status: ExitStatus, stderr: &str, limits: &Limits) -> PdfProblem {
    let code = status.code();
    let program = program.to_string();
    if let (Some(time), Some(c)) = (limits.time, code)
        && TIMED_OUT.contains(&c)
    {
        return PdfProblem::TimedOut {
            program,
            seconds: time.as_secs(),
        };
    }
    // `timeout` says 127 for a program it cannot find.
    if limits.time.is_some() && code == Some(127) && stderr.contains("No such file") {
        return PdfProblem::NotInstalled { program };
    }
    if let Some(bytes) = limits.memory
        && (code.is_none() || stderr.contains("failed to map") || stderr.contains("alloc"))
    {
        return PdfProblem::OutOfMemory {
            program,
            status: status.to_string(),
            megabytes: bytes / 1_000_000,
            stderr: stderr.to_string(),
        };
    }
    PdfProblem::Unreadable {
        program,
        status: status.to_string(),
        stderr: stderr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pdf_bytes() {
        assert!(is_pdf(b"%PDF-1.4\n..."));
        assert!(is_pdf(b"\n\n%PDF-1.7"));
        assert!(!is_pdf(b"municipality = \"1881\""));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn limits_wrap_the_tool_without_a_shell() {
        let limits = Limits {
            time: Some(Duration::from_secs(20)),
            memory: Some(512_000_000),
            ..Limits::default()
        };
        let cmd = command(&limits, "pdftotext", Path::new("/tmp/x"));
        let words: Vec<String> = std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|w| w.to_string_lossy().to_string())
            .collect();
        assert_eq!(
            words.join(" "),
            "prlimit --as=512000000 -- timeout -k 2 20 pdftotext -layout -enc UTF-8 in.pdf -"
        );
        let plain = command(&Limits::default(), "pdftotext", Path::new("/tmp/x"));
        assert_eq!(plain.get_program(), "pdftotext");
    }

    /// A program that never finishes, stopped by the time limit, its
    /// folder removed.
    #[test]
    fn a_tool_that_runs_too_long_is_stopped_and_leaves_no_folder() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().join("work");
        std::fs::create_dir(&parent).unwrap();
        let script = scratch.path().join("slow");
        std::fs::write(&script, "#!/bin/sh\nsleep 30\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let limits = Limits {
            time: Some(Duration::from_secs(1)),
            memory: Some(512_000_000),
            temp_parent: Some(parent.clone()),
            program: Some(script.to_string_lossy().to_string()),
            ..Limits::default()
        };
        let started = std::time::Instant::now();
        let err = extract_text_with(Path::new("r.pdf"), b"%PDF-1.4", &limits).unwrap_err();
        assert!(
            err.to_string().contains("took longer than 1 seconds"),
            "{err}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
    }
}
