"""The demonstration texts (questionnaires, report paragraphs, public pages), as plain data."""
