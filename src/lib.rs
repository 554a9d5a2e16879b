//! planparse: Vietnamese government plans and decisions -> structured JSON.
//!
//! Data flows one way through the stages: [`ingest`] (bytes -> blocks),
//! [`normalize`] (one clean text with a line index), [`segment`] (section
//! tree), [`extract`] (metadata, targets, tasks, deadlines, references) and
//! [`output`] (the JSON report). [`grammar`] holds the Vietnamese wording the
//! stages read; [`cli`] drives a batch.

pub mod check;
pub mod cli;
pub mod extract;
pub mod grammar;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod segment;
