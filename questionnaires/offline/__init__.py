"""Offline fill-in: a response as an XLSX workbook to answer without a connection, read back IN
FULL before anything is saved. (The read-only PDF is questionnaires.pdf.)

The workbook
  * a cover sheet (what to do) with a hidden, protected control block: the response, the
    questionnaire and its version, the country, each answer's version and fingerprint at download
    time, the sheet of each section, and a signature over all of it;
  * one sheet per section. Column A holds the question codes and nothing else: it anchors every
    question's block, so reading does not depend on absolute row numbers. Column B holds labels,
    answer cells start at column C. Statistics tables are real grids, repeating groups tables with
    empty rows, choices drop-down lists (a hidden `lists` sheet holds them).

Reading back maps every cell to the same field names as the portal's form (`q<pk>`,
`q<pk>-<row>-<col>`, …) and runs `types.parse`, so the workbook obeys exactly the portal's
rules. Errors name the sheet, the cell and the question code; with one error nothing is saved.
A valid workbook saves each changed answer through `services.answer_save` (one revision each),
inside one transaction, with the answer's version at download time: an answer changed by someone
else since the download is a conflict, unless the workbook left it as it was.

The package: `control` (the control block, results, fingerprints: what writing and reading
share), `cells` (sheet layout, styles, the cell writer and reader the question types use),
`build` (the workbook), `read` (the uploaded file, its control block and its cells back to form
fields) and `apply` (parse, plan and save). Each question type writes and reads its own cells
(`questionnaires.types`, methods `write_cells` / `read_cells`): nothing here branches on the type.
"""
