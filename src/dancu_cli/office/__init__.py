"""Office files: Excel and Word fill-in forms (written and read back), Excel tables, CSV rows.

Every module here imports openpyxl or python-docx at its top, so only the commands
that need them import these modules, inside the command: `dancu --help` stays instant.
"""
