//! Brings the pinned front-end packages (package-lock.json) into the build so the
//! binary serves them from its own static route without a copy in the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

const HTMX: &str = "node_modules/htmx.org/dist/htmx.min.js";
/// Not served: the browser tests run it on every page to check accessibility.
const AXE: &str = "node_modules/axe-core/axe.min.js";

fn main() {
    println!("cargo:rerun-if-changed=package.json");
    println!("cargo:rerun-if-changed=package-lock.json");
    println!("cargo:rerun-if-changed={HTMX}");
    println!("cargo:rerun-if-changed={AXE}");
    // The migrations are embedded in the binary: a new one must rebuild it.
    println!("cargo:rerun-if-changed=migrations");

    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let htmx = root.join(HTMX);
    if !htmx.exists() || !root.join(AXE).exists() {
        install_npm_packages(&root);
    }
    if !htmx.exists() {
        panic!("{HTMX} is missing after `npm ci`; check package-lock.json");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::copy(&htmx, out.join("htmx.min.js")).expect("copy htmx into OUT_DIR");
}

fn install_npm_packages(root: &Path) {
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(root)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            panic!(
                "`npm ci` failed ({s}); it installs the pinned htmx and axe-core from package-lock.json"
            )
        }
        Err(e) => panic!(
            "Homeroom's build needs npm to fetch the pinned htmx package ({e}). \
             Install it with: sudo apt-get install nodejs npm"
        ),
    }
}
