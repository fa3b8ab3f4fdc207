<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>App</name>
    <message>
        <source>spaceocr</source>
        <translation>spaceocr</translation>
    </message>
</context>
<context>
    <name>BatchQueueModel</name>
    <message>
        <source>Document</source>
        <extracomment>0..1 for the job the store sheet the result goes into (&quot;&quot; = the template&apos;s name)</extracomment>
        <translation>Document</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Reading page {done} of {total}</source>
        <translation>Reading page {done} of {total}</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>Extracting</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n to review</numerusform>
            <numerusform>%n to review</numerusform>
        </translation>
    </message>
    <message>
        <source>all confident</source>
        <translation>all confident</translation>
    </message>
</context>
<context>
    <name>DocumentDisplay</name>
    <message>
        <source>Line items ({n})</source>
        <extracomment>failures with no page to preview (the file is not there or not a document) the job on screen its file (for the page renders) the DocumentResult on screen (None for a preview) its (sheet, doc id) once stored field titles of its template, in the UI language</extracomment>
        <translation>Line items ({n})</translation>
    </message>
    <message>
        <source>{file} — spaceocr</source>
        <translation>{file} — spaceocr</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Page {page} of {count}</translation>
    </message>
</context>
<context>
    <name>DocumentExporter</name>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Nothing to export yet.</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exported to {path}</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Looking for documents…</source>
        <translation>Looking for documents…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) queued</source>
        <translation>
            <numerusform>%n document queued</numerusform>
            <numerusform>%n documents queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read (see the queue)</source>
        <translation>
            <numerusform>%n file cannot be read (see the queue)</numerusform>
            <numerusform>%n files cannot be read (see the queue)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Open documents</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</source>
        <translation>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</translation>
    </message>
    <message>
        <source>Open a folder of documents</source>
        <translation>Open a folder of documents</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>Load a field list</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>Field lists (*.json)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <source>confirmed</source>
        <extracomment>0-based page of the box, or -1 &quot;&quot;, &quot;confirmed&quot; or &quot;corrected&quot; what a clerk did with a value: nothing yet, confirmed it, or corrected it</extracomment>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>corrected</translation>
    </message>
    <message>
        <source>confident</source>
        <translation>confident</translation>
    </message>
    <message>
        <source>check</source>
        <translation>check</translation>
    </message>
    <message>
        <source>not on the page</source>
        <translation>not on the page</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>not found</translation>
    </message>
</context>
<context>
    <name>FieldTable</name>
    <message>
        <source>{array} {n}: {name}</source>
        <extracomment>FieldResult</extracomment>
        <translation>{array} {n}: {name}</translation>
    </message>
    <message>
        <source>match {ratio}</source>
        <translation>match {ratio}</translation>
    </message>
    <message>
        <source>Review: {reasons}</source>
        <translation>Review: {reasons}</translation>
    </message>
    <message>
        <source>Read as: {original}</source>
        <translation>Read as: {original}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Field</source>
        <extracomment>field id, the value typed</extracomment>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>spaceocr</source>
        <extracomment>documents queued by a drop or File ▸ Open the DocumentResult now on screen (None for a preview) a job&apos;s result is in the store the Intake of the last drop (tests, the smoke test) the path an export was written to field id: the store answered an edit (re-grounded) the templates the window knows: built-ins by name, loaded field lists by path</extracomment>
        <translation>spaceocr</translation>
    </message>
    <message>
        <source>Drop invoices, receipts or folders here.</source>
        <translation>Drop invoices, receipts or folders here.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>Line items</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>Results are saved into this sheet of the store</source>
        <translation>Results are saved into this sheet of the store</translation>
    </message>
    <message>
        <source>= template</source>
        <translation>= template</translation>
    </message>
    <message>
        <source>Mode: offline</source>
        <translation>Mode: offline</translation>
    </message>
    <message>
        <source>Mode: cloud</source>
        <translation>Mode: cloud</translation>
    </message>
    <message>
        <source>Mode: hosted</source>
        <translation>Mode: hosted</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n document(s)</source>
        <translation>
            <numerusform>Finished: %n document</numerusform>
            <numerusform>Finished: %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) to review</source>
        <translation>
            <numerusform>%n value to review</numerusform>
            <numerusform>%n values to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{file}: the file was not found.</source>
        <extracomment>code -&gt; untranslated text; ``{file}`` is the file&apos;s name</extracomment>
        <translation>{file}: the file was not found.</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable and try again.</source>
        <translation>{file}: permission denied; make the file readable and try again.</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}: the file is empty.</translation>
    </message>
    <message>
        <source>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</source>
        <translation>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</translation>
    </message>
    <message>
        <source>{file}: the file is damaged and cannot be read; re-scan or re-export it.</source>
        <translation>{file}: the file is damaged and cannot be read; re-scan or re-export it.</translation>
    </message>
    <message>
        <source>{file}: the PDF is protected by a password.</source>
        <translation>{file}: the PDF is protected by a password.</translation>
    </message>
    <message>
        <source>{file}: the document has no pages.</source>
        <translation>{file}: the document has no pages.</translation>
    </message>
    <message>
        <source>{file}: the document is larger than the limits allow.</source>
        <translation>{file}: the document is larger than the limits allow.</translation>
    </message>
    <message>
        <source>{file}: no page could be read.</source>
        <translation>{file}: no page could be read.</translation>
    </message>
    <message>
        <source>The OCR engine or extractor for this mode is not available.</source>
        <translation>The OCR engine or extractor for this mode is not available.</translation>
    </message>
    <message>
        <source>The cloud service refused the key; check it in the settings.</source>
        <translation>The cloud service refused the key; check it in the settings.</translation>
    </message>
    <message>
        <source>The cloud service&apos;s quota is used up; try again later.</source>
        <translation>The cloud service&apos;s quota is used up; try again later.</translation>
    </message>
    <message>
        <source>The request to the cloud service failed; try again.</source>
        <translation>The request to the cloud service failed; try again.</translation>
    </message>
    <message>
        <source>The template or field list is not valid.</source>
        <translation>The template or field list is not valid.</translation>
    </message>
    <message>
        <source>The template was not found.</source>
        <translation>The template was not found.</translation>
    </message>
    <message>
        <source>The results database cannot be written (locked, full or read-only).</source>
        <translation>The results database cannot be written (locked, full or read-only).</translation>
    </message>
    <message>
        <source>The results database is damaged.</source>
        <translation>The results database is damaged.</translation>
    </message>
    <message>
        <source>The values to check are not valid.</source>
        <translation>The values to check are not valid.</translation>
    </message>
    <message>
        <source>There is no sheet of that name.</source>
        <translation>There is no sheet of that name.</translation>
    </message>
    <message>
        <source>The document is no longer in the sheet.</source>
        <translation>The document is no longer in the sheet.</translation>
    </message>
    <message>
        <source>This sheet holds another template; choose another sheet for these documents.</source>
        <translation>This sheet holds another template; choose another sheet for these documents.</translation>
    </message>
    <message>
        <source>The filter expression is not valid.</source>
        <translation>The filter expression is not valid.</translation>
    </message>
    <message>
        <source>The space-ocr service sent an answer that cannot be read; try again.</source>
        <translation>The space-ocr service sent an answer that cannot be read; try again.</translation>
    </message>
    <message>
        <source>The space-ocr service did not answer in time; try again.</source>
        <translation>The space-ocr service did not answer in time; try again.</translation>
    </message>
    <message>
        <source>A webhook delivery had a missing or wrong signature.</source>
        <translation>A webhook delivery had a missing or wrong signature.</translation>
    </message>
    <message>
        <source>The space-ocr service cannot be reached; check the connection.</source>
        <translation>The space-ocr service cannot be reached; check the connection.</translation>
    </message>
    <message>
        <source>A setting is missing or wrong.</source>
        <translation>A setting is missing or wrong.</translation>
    </message>
    <message>
        <source>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</source>
        <translation>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</translation>
    </message>
    <message>
        <source>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</source>
        <translation>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</translation>
    </message>
    <message>
        <source>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</source>
        <translation>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</translation>
    </message>
    <message>
        <source>The space-ocr service refused the request.</source>
        <translation>The space-ocr service refused the request.</translation>
    </message>
    <message>
        <source>The space-ocr service refused the API key; check it in the settings.</source>
        <translation>The space-ocr service refused the API key; check it in the settings.</translation>
    </message>
    <message>
        <source>The space-ocr account has no credit left; top it up and try again.</source>
        <translation>The space-ocr account has no credit left; top it up and try again.</translation>
    </message>
    <message>
        <source>The space-ocr service is busy (too many requests); try again in a minute.</source>
        <translation>The space-ocr service is busy (too many requests); try again in a minute.</translation>
    </message>
    <message>
        <source>The space-ocr service had a problem on its side; try again later.</source>
        <translation>The space-ocr service had a problem on its side; try again later.</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not accept this document.</source>
        <translation>{file}: the space-ocr service could not accept this document.</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not read this document.</source>
        <translation>{file}: the space-ocr service could not read this document.</translation>
    </message>
    <message>
        <source>The space-ocr service took too long with this document; try again.</source>
        <translation>The space-ocr service took too long with this document; try again.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>{file}: cannot be saved there; the folder is missing, read-only or full.</source>
        <translation>{file}: cannot be saved there; the folder is missing, read-only or full.</translation>
    </message>
    <message>
        <source>An unexpected error happened; the details are in the log.</source>
        <translation>An unexpected error happened; the details are in the log.</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>The document</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Batch: %p%</source>
        <extracomment>a job row was clicked or chosen with the keyboard</extracomment>
        <translation>Batch: %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel the selected documents</source>
        <translation>Cancel the selected documents</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Cancel all</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Clear finished</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Correct {field}</source>
        <extracomment>where a document lives in the store: (sheet, doc id) DocumentResult, with the clerk&apos;s corrections swapped in</extracomment>
        <translation>Correct {field}</translation>
    </message>
    <message>
        <source>Confirm {field}</source>
        <translation>Confirm {field}</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>Nothing left to review.</source>
        <extracomment>the documents under review, by store key (made on first use) the store key of each job whose result is saved</extracomment>
        <translation>Nothing left to review.</translation>
    </message>
    <message>
        <source>This document is still being saved; try again in a moment.</source>
        <translation>This document is still being saved; try again in a moment.</translation>
    </message>
</context>
<context>
    <name>ReviewReason</name>
    <message>
        <source>the value was not found on the page</source>
        <translation>the value was not found on the page</translation>
    </message>
    <message>
        <source>the value appears more than once</source>
        <translation>the value appears more than once</translation>
    </message>
    <message>
        <source>only part of the value was found</source>
        <translation>only part of the value was found</translation>
    </message>
    <message>
        <source>a consistency check failed</source>
        <translation>a consistency check failed</translation>
    </message>
    <message>
        <source>the OCR was unsure</source>
        <translation>the OCR was unsure</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>UI languages offered: code -&gt; the language&apos;s own name (shown as is, never translated) the settings and the keys&apos; status are shown the Settings written a checked fields JSON became the default template a template was written as a fields JSON</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Offline (on this computer)</source>
        <translation>Offline (on this computer)</translation>
    </message>
    <message>
        <source>Cloud (Google Vision and Claude, your keys)</source>
        <translation>Cloud (Google Vision and Claude, your keys)</translation>
    </message>
    <message>
        <source>Hosted (the space-ocr service)</source>
        <translation>Hosted (the space-ocr service)</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Render pages at:</source>
        <translation>Render pages at:</translation>
    </message>
    <message>
        <source>the default place in your user folder</source>
        <translation>the default place in your user folder</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Results database:</source>
        <translation>Results database:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API keys</translation>
    </message>
    <message>
        <source>Google Cloud Vision key:</source>
        <translation>Google Cloud Vision key:</translation>
    </message>
    <message>
        <source>Anthropic (Claude) key:</source>
        <translation>Anthropic (Claude) key:</translation>
    </message>
    <message>
        <source>space-ocr key:</source>
        <translation>space-ocr key:</translation>
    </message>
    <message>
        <source>reading the keyring…</source>
        <translation>reading the keyring…</translation>
    </message>
    <message>
        <source>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</source>
        <translation>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</translation>
    </message>
    <message>
        <source>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</source>
        <translation>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>set by the environment variable {var}: {masked}</source>
        <translation>set by the environment variable {var}: {masked}</translation>
    </message>
    <message>
        <source>saved in the keyring: {masked}</source>
        <translation>saved in the keyring: {masked}</translation>
    </message>
    <message>
        <source>Templates and field lists</source>
        <translation>Templates and field lists</translation>
    </message>
    <message>
        <source>Default template:</source>
        <translation>Default template:</translation>
    </message>
    <message>
        <source>Load Field List…</source>
        <translation>Load Field List…</translation>
    </message>
    <message>
        <source>Save as Field List…</source>
        <translation>Save as Field List…</translation>
    </message>
    <message>
        <source>Save the chosen template as a fields JSON to edit</source>
        <translation>Save the chosen template as a fields JSON to edit</translation>
    </message>
    <message>
        <source>Reading the settings and the keyring…</source>
        <translation>Reading the settings and the keyring…</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>Results database</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.db)</source>
        <translation>SQLite databases (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>Load a field list</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>Field lists (*.json)</translation>
    </message>
    <message>
        <source>Field list</source>
        <translation>Field list</translation>
    </message>
    <message>
        <source>Save a field list</source>
        <translation>Save a field list</translation>
    </message>
    <message>
        <source>Saving the settings and the keys…</source>
        <translation>Saving the settings and the keys…</translation>
    </message>
    <message>
        <source>The new settings take effect the next time spaceocr starts.</source>
        <translation>The new settings take effect the next time spaceocr starts.</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Reviewing without the mouse</source>
        <translation>Reviewing without the mouse</translation>
    </message>
    <message>
        <source>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</source>
        <translation>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>F8 or Ctrl+J</source>
        <translation>F8 or Ctrl+J</translation>
    </message>
    <message>
        <source>Next value to review (then the next document)</source>
        <translation>Next value to review (then the next document)</translation>
    </message>
    <message>
        <source>Shift+F8 or Ctrl+Shift+J</source>
        <translation>Shift+F8 or Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Previous value to review</source>
        <translation>Previous value to review</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the value and go on to the next one</source>
        <translation>Confirm the value and go on to the next one</translation>
    </message>
    <message>
        <source>F2, or start typing</source>
        <translation>F2, or start typing</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>Correct the value</translation>
    </message>
    <message>
        <source>Enter (while editing)</source>
        <translation>Enter (while editing)</translation>
    </message>
    <message>
        <source>Save the correction; its box is found again</source>
        <translation>Save the correction; its box is found again</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>Cancel the edit</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous value</source>
        <translation>Next / previous value</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edits</source>
        <translation>Undo / redo the last edits</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2</source>
        <translation>Ctrl+1 / Ctrl+2</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width / the whole page</source>
        <translation>Fit the page&apos;s width / the whole page</translation>
    </message>
    <message>
        <source>+ / -</source>
        <translation>+ / -</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>Zoom in / out</translation>
    </message>
    <message>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>Previous / next page</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>Open documents</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>Show this list</translation>
    </message>
</context>
<context>
    <name>StoredDocumentsModel</name>
    <message>
        <source>Document</source>
        <extracomment>job id job id, sheet, doc id (the result is in the store) the exception (a StoreError, usually) sheet names sheet, [DocumentSummary] DocumentResult, source path path sheet, doc id, values still to review (an edit)</extracomment>
        <translation>Document</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>&amp;Open Files…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Open &amp;Folder…</translation>
    </message>
    <message>
        <source>Load &amp;Field List…</source>
        <translation>Load &amp;Field List…</translation>
    </message>
    <message>
        <source>Export Current &amp;Document</source>
        <translation>Export Current &amp;Document</translation>
    </message>
    <message>
        <source>Export &amp;Selected Documents</source>
        <translation>Export &amp;Selected Documents</translation>
    </message>
    <message>
        <source>Export S&amp;heet</source>
        <translation>Export S&amp;heet</translation>
    </message>
    <message>
        <source>CSV (UTF-8)…</source>
        <translation>CSV (UTF-8)…</translation>
    </message>
    <message>
        <source>Excel (XLSX)…</source>
        <translation>Excel (XLSX)…</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>Fit &amp;Width</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>Fit &amp;Page</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>P&amp;revious Page</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>&amp;Next Page</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>&amp;Next Value to Review</source>
        <translation>&amp;Next Value to Review</translation>
    </message>
    <message>
        <source>&amp;Previous Value to Review</source>
        <translation>&amp;Previous Value to Review</translation>
    </message>
    <message>
        <source>&amp;Confirm Value</source>
        <translation>&amp;Confirm Value</translation>
    </message>
    <message>
        <source>C&amp;orrect Value</source>
        <translation>C&amp;orrect Value</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Batch</translation>
    </message>
    <message>
        <source>&amp;Cancel Selected</source>
        <translation>&amp;Cancel Selected</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>Cancel &amp;All</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>C&amp;lear Finished</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Keyboard Shortcuts</translation>
    </message>
</context>
</TS>
