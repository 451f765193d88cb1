"""Job postings: a vacancy drawn from a role, written as Markdown, text, DOCX or JSON-LD, and the
wording check every posting passes before it is written."""
