//! Word (.docx) reader. (stub: being replaced by the full reader)

use super::{IngestError, Ingested};

pub fn read(bytes: &[u8]) -> Result<Ingested, IngestError> {
    let _ = bytes;
    Err(IngestError::Unsupported("docx reader not built yet".into()))
}
