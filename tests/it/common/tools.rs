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
