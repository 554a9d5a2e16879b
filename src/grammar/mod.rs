//! Grammar loader: the Vietnamese wording of documents lives in
//! `grammars/*.toml`, embedded in the binary as defaults. `--grammar DIR`
//! extends them: a file in DIR with a default's name is merged into it
//! (lists are appended, tables merged key by key, other values replaced);
//! a file that sets `replace = true` replaces the default outright.
//!
//! Each file is deserialised into the raw type of the stage that uses it and
//! compiled once (regexes, automata) before any document is read.

pub mod doc_types;
pub mod header;
pub mod layout;
pub mod sections;

pub use doc_types::DocTypes;
pub use header::HeaderGrammar;
pub use layout::LayoutGrammar;
pub use sections::SectionGrammar;

use crate::extract::{agencies::{AgencyGrammar, RawAgencies}, deadline::DeadlineGrammar, references::ReferenceGrammar};
use crate::extract::{tables::TableGrammar, targets::TargetGrammar};
use crate::normalize::NormalizeGrammar;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The embedded default grammar files, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("sections.toml", include_str!("../../grammars/sections.toml")),
    ("normalize.toml", include_str!("../../grammars/normalize.toml")),
    ("doc_types.toml", include_str!("../../grammars/doc_types.toml")),
    ("header.toml", include_str!("../../grammars/header.toml")),
    ("references.toml", include_str!("../../grammars/references.toml")),
    ("deadlines.toml", include_str!("../../grammars/deadlines.toml")),
    ("targets.toml", include_str!("../../grammars/targets.toml")),
    ("agencies.toml", include_str!("../../grammars/agencies.toml")),
    ("tables.toml", include_str!("../../grammars/tables.toml")),
    ("layout.toml", include_str!("../../grammars/layout.toml")),
];

pub struct Grammar {
    pub sections: SectionGrammar,
    pub normalize: NormalizeGrammar,
    pub doc_types: DocTypes,
    pub header: HeaderGrammar,
    pub references: ReferenceGrammar,
    pub deadlines: DeadlineGrammar,
    pub targets: TargetGrammar,
    pub agencies: AgencyGrammar,
    pub tables: TableGrammar,
    /// Shared with the PDF reader threads.
    pub layout: std::sync::Arc<LayoutGrammar>,
}

#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    #[error("grammar file {file}: {message}")]
    Invalid { file: String, message: String },
    #[error("cannot read grammar folder {0}: {1}")]
    Io(String, String),
}

/// A grammar's word list in lower case: lists compared with lower-cased
/// text must match a word the grammar writes with a capital too.
pub(crate) fn lowered(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Whether `line`'s last word, lower-cased, is one of `words` (lowered).
pub(crate) fn ends_on_word(line: &str, words: &[String]) -> bool {
    // (`rsplit` yields at least one piece: the whole line when it has no space)
    line.trim_end().rsplit(' ').next().is_some_and(|last| words.contains(&last.to_lowercase()))
}

fn invalid(file: &str, e: impl std::fmt::Display) -> GrammarError {
    GrammarError::Invalid { file: file.to_string(), message: e.to_string() }
}

/// Top-level keys every grammar file may hold besides its stage's own:
/// `replace` (see `Sources::load`) and the `[[example]]` tables that the
/// grammar tests run.
const READ_ELSEWHERE: &[&str] = &["replace", "example"];

/// The text of every grammar file after merging user overrides, by name.
pub struct Sources {
    files: Vec<(String, toml::Value)>,
}

impl Sources {
    pub fn load(user_dir: Option<&Path>) -> Result<Sources, GrammarError> {
        let mut files = Vec::new();
        for (name, text) in DEFAULTS {
            let mut value: toml::Value = toml::from_str(text).map_err(|e| invalid(name, e))?;
            if let Some(dir) = user_dir {
                let path = dir.join(name);
                if path.exists() {
                    let user = std::fs::read_to_string(&path)
                        .map_err(|e| GrammarError::Io(path.display().to_string(), e.to_string()))?;
                    let user: toml::Value = toml::from_str(&user).map_err(|e| invalid(&path.display().to_string(), e))?;
                    if user.get("replace").and_then(toml::Value::as_bool) == Some(true) {
                        value = user;
                    } else {
                        merge(&mut value, user);
                    }
                }
            }
            files.push((name.to_string(), value));
        }
        if let Some(dir) = user_dir {
            check_user_dir(dir)?;
        }
        Ok(Sources { files })
    }

    /// A grammar file as the stage that uses it reads it. A key that no
    /// stage reads is refused: in a user's file it is almost always a
    /// misspelling, and ignoring it would leave the user wondering why the
    /// setting has no effect.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<T, GrammarError> {
        let value = self.value(name).ok_or_else(|| invalid(name, "missing"))?;
        let mut unread: Vec<String> = Vec::new();
        let parsed = serde_ignored::deserialize(value.clone(), |path| unread.push(path.to_string()))
            .map_err(|e| invalid(name, e))?;
        unread.retain(|key| !READ_ELSEWHERE.contains(&key.as_str()));
        match unread.first() {
            None => Ok(parsed),
            Some(key) => Err(invalid(name, format!("unknown key `{key}` (misspelt? no stage reads it)"))),
        }
    }

    pub fn value(&self, name: &str) -> Option<&toml::Value> {
        self.files.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The `[[example]]` tables of a grammar file.
    pub fn examples(&self, name: &str) -> Vec<toml::Value> {
        self.value(name)
            .and_then(|v| v.get("example"))
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default()
    }
}

/// A user grammar folder with a misspelt file name would silently do
/// nothing: refuse it instead.
fn check_user_dir(dir: &Path) -> Result<(), GrammarError> {
    let entries = std::fs::read_dir(dir).map_err(|e| GrammarError::Io(dir.display().to_string(), e.to_string()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".toml") && !DEFAULTS.iter().any(|(n, _)| *n == name) {
            let known: Vec<&str> = DEFAULTS.iter().map(|(n, _)| *n).collect();
            return Err(invalid(&name, format!("unknown grammar file; expected one of {}", known.join(", "))));
        }
    }
    Ok(())
}

fn merge(base: &mut toml::Value, user: toml::Value) {
    match (base, user) {
        (toml::Value::Table(b), toml::Value::Table(u)) => {
            for (k, v) in u {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (toml::Value::Array(b), toml::Value::Array(u)) => b.extend(u),
        (b, u) => *b = u,
    }
}

impl Grammar {
    pub fn load(user_dir: Option<&Path>) -> Result<Grammar, GrammarError> {
        Self::compile(&Sources::load(user_dir)?)
    }

    /// The embedded defaults. They are tested at build time by the grammar
    /// example tests, so failing here is a build defect, not an input error.
    pub fn builtin() -> Grammar {
        match Self::load(None) {
            Ok(g) => g,
            Err(e) => unreachable!("embedded grammar is invalid: {e}"),
        }
    }

    pub fn compile(src: &Sources) -> Result<Grammar, GrammarError> {
        let re = |file: &'static str| move |e: regex::Error| invalid(file, e);
        let doc_types = DocTypes::compile(src.get("doc_types.toml")?).map_err(re("doc_types.toml"))?;
        let header = HeaderGrammar::compile(src.get("header.toml")?).map_err(re("header.toml"))?;
        let agencies: RawAgencies = src.get("agencies.toml")?;
        // "Thời gian thực hiện:" labels a deadline field in a plan item and in running text alike.
        let time_labels = agencies.deadline_labels().to_vec();
        let normalize = NormalizeGrammar::compile(src.get("normalize.toml")?).map_err(re("normalize.toml"))?;
        let layout = LayoutGrammar::compile(src.get("layout.toml")?, normalize.wrap_joiners()).map_err(re("layout.toml"))?;
        let sections = SectionGrammar::compile(src.get("sections.toml")?).map_err(re("sections.toml"))?;
        // A place name ends an agency's name: the header's administrative
        // units. An implementation heading may run into an agency's name.
        let agencies = AgencyGrammar::compile(agencies, &header.admin_units, &sections.implementation_headings).map_err(re("agencies.toml"))?;
        Ok(Grammar {
            sections,
            normalize,
            references: ReferenceGrammar::compile(src.get("references.toml")?, &doc_types)
                .map_err(re("references.toml"))?,
            deadlines: DeadlineGrammar::compile(src.get("deadlines.toml")?, &time_labels).map_err(re("deadlines.toml"))?,
            targets: TargetGrammar::compile(src.get("targets.toml")?).map_err(re("targets.toml"))?,
            agencies,
            tables: TableGrammar::compile(src.get("tables.toml")?),
            layout: std::sync::Arc::new(layout),
            doc_types,
            header,
        })
    }
}
