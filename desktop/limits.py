"""How much of a file from outside the app is read: every limit of the importers and readers, in one place.

Files from outside (returned forms, Word files, exchange files, definition
workbooks, users' documents) are read on office PCs of 4 GB that run Word,
Excel and a browser beside the app. Each limit is set well above what a real
file of its kind holds (derived from the survey: a form has one row per
sheet or KPI and a few dozen columns) and low enough that the parser's
memory for a file at the limit stays in the hundreds of MB: the parsers
take 10 to 25 times the XML's size (python-docx held 1.4 GB for a 60 MB
word/document.xml; openpyxl pads every row of a read-only worksheet to its
last cell, 2.4 GB for rows with one cell in column XFD).

Sizes are checked on what a zip part really inflates to (streamed with the
limit, the directory's sizes are what the file says), and worksheets are
scanned for their last column and row before openpyxl reads them.
"""

from __future__ import annotations

MB = 1024 * 1024

# -- any file --------------------------------------------------------------------------
FILE_MAX_BYTES = 50 * MB               # on disk

# -- zip packages (.xlsx, .docx) ---------------------------------------------------------
XLSX_MAX_ENTRIES = 2_000
DOCX_MAX_ENTRIES = 10_000
UNCOMPRESSED_MAX_BYTES = 300 * MB      # all parts together, images included
XLSX_PART_MAX_BYTES = 100 * MB         # one XML part of a workbook (a form of 1,500 sheets: ~30 MB)
DOCX_PART_MAX_BYTES = 30 * MB          # one XML part of a Word file (a 300-page document: ~10 MB)
MAX_RATIO = 200                        # compression ratio beyond which a large part is a zip bomb
RATIO_MIN_BYTES = 10 * MB              # ... checked for parts larger than this

# -- workbooks ---------------------------------------------------------------------------
SHEET_MAX_COLUMNS = 200                # the survey's form has ~25; another tool's, a few dozen more
SHEET_MAX_ROWS = 21_000                # the data rows and the title and header rows above them
FORM_MAX_DATA_ROWS = 20_000            # below a form's header: one row per sheet or KPI
WORKBOOK_MAX_CELLS = 1_000_000         # all worksheets; a form of 1,500 sheets and 10,000 KPIs: ~400,000
MAX_SHARED_STRINGS = 100_000           # distinct texts; a real form of 1,500 sheets has ~60,000

# -- Word files of last year's sheets ----------------------------------------------------
DOCX_MAX_BLOCKS = 20_000               # paragraphs and table rows

# -- source documents --------------------------------------------------------------------
LINE_MAX_CHARS = 100_000               # one line (paragraph) of text: a long paragraph is ~2,000
TEXT_MAX_LINES = 2_000_000             # lines of a text file (50 MB of prose: ~500,000)
TEXT_MAX_CHARS = 20_000_000            # all the text of one document (a 3,000-page PDF: ~5 million)
PDF_MAX_PAGES = 3_000
PDF_PAGE_CONTENT_MAX_BYTES = 4 * MB    # one page's drawing instructions, inflated (a text page: ~20 KB)
PDF_CONTENT_MAX_BYTES = 60 * MB        # all pages together: pypdf takes ~1.4 s a MB of dense text instructions


def megabytes(limit: int) -> str:
    """A byte limit as the messages print it (「300 MB」)."""
    return f"{limit // MB:,} MB"
