//! Docs that stay true: the tree in `docs/architecture.md` names every
//! source file under `src/`, and names no file that is not there.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// Every `.rs` file under `folder`, as a path relative to `src/`.
fn source_files(folder: &Path, prefix: &str, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, &format!("{prefix}{name}/"), found);
        } else if name.ends_with(".rs") {
            found.insert(format!("{prefix}{name}"));
        }
    }
}

/// A word of the tree that names a file or a folder (`set.rs`, `engine/`),
/// without the punctuation around it.
fn entry(word: &str) -> Option<&str> {
    let word = word.trim_matches(|c: char| "`,;:()".contains(c));
    let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let named = word
        .strip_suffix(".rs")
        .or_else(|| word.strip_suffix('/'))
        .is_some_and(is_name);
    named.then_some(word)
}

/// The files the tree names, as paths relative to `src/`: a folder line
/// (`engine/`) opens a folder for the lines indented under it, and the
/// files named on its own line; a file line's files sit in the folder of
/// the line above it at a smaller indent.
fn files_in_the_tree(doc: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = doc
        .lines()
        .skip_while(|l| l.trim() != "src/")
        .skip(1)
        .take_while(|l| l.starts_with("      "))
        .collect();
    assert!(!lines.is_empty(), "the tree starts at a line `src/`");
    let mut folders: Vec<(usize, String)> = Vec::new();
    let mut files = BTreeSet::new();
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        while folders.last().is_some_and(|(at, _)| *at >= indent) {
            folders.pop();
        }
        let mut words = line.split_whitespace().filter_map(entry).peekable();
        let Some(first) = words.peek().copied() else {
            continue;
        };
        let mut here: String = folders.last().map(|(_, f)| f.clone()).unwrap_or_default();
        if let Some(folder) = first.strip_suffix('/') {
            here = format!("{here}{folder}/");
            folders.push((indent, here.clone()));
            words.next();
        }
        for word in words {
            if word.ends_with(".rs") {
                files.insert(format!("{here}{word}"));
            }
        }
    }
    files
}

#[test]
fn the_architecture_tree_names_every_source_file_and_no_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    let listed = files_in_the_tree(&doc);
    let mut sources = BTreeSet::new();
    source_files(&root.join("src"), "", &mut sources);
    let missing: Vec<&String> = sources.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&sources).collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "docs/architecture.md names {stale:?}, which do not exist"
    );
}

#[test]
fn the_tree_reader_places_files_in_their_folders() {
    let doc = "    src/\n      main.rs        the start\n      engine/        the engine: mod.rs\n        set.rs  batch.rs (the loop)\n        sub/\n          deep.rs\n      units.rs\n";
    let files: Vec<String> = files_in_the_tree(doc).into_iter().collect();
    assert_eq!(
        files,
        [
            "engine/batch.rs",
            "engine/mod.rs",
            "engine/set.rs",
            "engine/sub/deep.rs",
            "main.rs",
            "units.rs"
        ]
    );
}
