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
    // So are the message files: a new language or area must rebuild it.
    println!("cargo:rerun-if-changed=locales");

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
    embed_locales(&root.join("locales"), &out.join("locales.rs"));
}

/// Lists every `locales/<language>/<area>.ftl` as `(language, area, text)` for
/// `src/i18n`, so a translator's new folder ships without a code change.
fn embed_locales(dir: &Path, target: &Path) {
    let mut files = Vec::new();
    for language in std::fs::read_dir(dir).expect("read locales/").flatten() {
        println!("cargo:rerun-if-changed={}", language.path().display());
        for file in std::fs::read_dir(language.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let tag = language.file_name().to_string_lossy().into_owned();
                let area = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                files.push((tag, area.unwrap_or_default(), path));
            }
        }
    }
    files.sort();
    let mut code = String::from("&[\n");
    for (tag, area, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({tag:?}, {area:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    std::fs::write(target, code).expect("write locales.rs into OUT_DIR");
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
