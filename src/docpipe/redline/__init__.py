"""Redlining: NEW's Word documents with OLD's differences as Word tracked changes.

Both cases are rendered with the same template, so everything the template writes is identical and
only what the cases say differs. ``document.py`` aligns the two bodies block by block (``align.py``),
``blocks.py`` walks paragraphs, tables and rows, ``paragraph.py`` diffs the words of a matched pair,
``marks.py`` writes the ``w:ins``/``w:del`` markup, and ``case.py`` does it for every Word
deliverable of a case pair. Sits beside ``render/``: it renders, then rewrites the body part.
"""
