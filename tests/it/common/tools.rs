//! External tools some tests need (a PDF converter, a browser, checkers).
//! A missing tool is installed (CI runs as root on a clean machine); if that
//! is impossible the test fails saying what to install. Never a silent skip.

#![allow(dead_code)]

use std::process::Command;
use std::sync::Mutex;

static INSTALL: Mutex<()> = Mutex::new(());

pub fn on_path(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> bool {
    cmd.status().is_ok_and(|s| s.success())
}

/// Installs Debian `package` with `apt-get` (as root, as CI runs; the
/// package lists are updated when the first try fails). Whether it worked.
pub fn apt_install(package: &str) -> bool {
    let install = || {
        run(Command::new("apt-get").args([
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            package,
        ]))
    };
    install() || (run(Command::new("apt-get").args(["update", "-q"])) && install())
}

/// Makes sure `program` is on the PATH, installing Debian `package` if not.
pub fn require_apt(program: &str, package: &str) {
    let _guard = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    if on_path(program) {
        return;
    }
    let installed = apt_install(package);
    assert!(
        installed && on_path(program),
        "this test needs `{program}`: install it with `apt-get install {package}` (as root) and run the tests again"
    );
}

/// Makes sure `path` exists, installing Debian `package` if not (a module
/// or data file rather than a program).
pub fn require_apt_file(path: &str, package: &str) {
    let _guard = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    let present = || std::path::Path::new(path).exists();
    if present() {
        return;
    }
    let installed = apt_install(package);
    assert!(
        installed && present(),
        "this test needs {path}: install it with `apt-get install {package}` (as root) and run the tests again"
    );
}

/// Runs `cmd` to its end like `Command::output`, calling `still_running`
/// with the time so far every `every` while it runs, so a checker that
/// takes a minute says it is working. Bounded: killed after `limit`.
pub fn output_with_heartbeat(
    cmd: &mut Command,
    every: std::time::Duration,
    limit: std::time::Duration,
    mut still_running: impl FnMut(std::time::Duration),
) -> std::process::Output {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let start = std::time::Instant::now();
    let mut next = every;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        let elapsed = start.elapsed();
        if elapsed >= limit {
            let _ = child.kill();
            break child.wait().expect("wait for the killed child");
        }
        if elapsed >= next {
            still_running(elapsed);
            next += every;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    std::process::Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}
