<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_Hant">
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
        <translation>文件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核對</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <source>Reading page {done} of {total}</source>
        <translation>正在讀取第 {done} 頁，共 {total} 頁</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>正在擷取</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>正在開啟</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>待核對 %n 項</numerusform>
        </translation>
    </message>
    <message>
        <source>all confident</source>
        <translation>全部可信</translation>
    </message>
</context>
<context>
    <name>DocumentDisplay</name>
    <message>
        <source>Line items ({n})</source>
        <extracomment>failures with no page to preview (the file is not there or not a document) the job on screen its file (for the page renders) the DocumentResult on screen (None for a preview) its (sheet, doc id) once stored field titles of its template, in the UI language</extracomment>
        <translation>明細（{n} 行）</translation>
    </message>
    <message>
        <source>{file} — spaceocr</source>
        <translation>{file} — spaceocr</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>第 {page} 頁，共 {count} 頁</translation>
    </message>
</context>
<context>
    <name>DocumentExporter</name>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>目前沒有可匯出的內容。</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已匯出至 {path}</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Looking for documents…</source>
        <translation>正在尋找文件…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) queued</source>
        <translation>
            <numerusform>已將 %n 份文件加入佇列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read (see the queue)</source>
        <translation>
            <numerusform>%n 個檔案無法讀取（見佇列）</numerusform>
        </translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>開啟文件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</source>
        <translation>文件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Open a folder of documents</source>
        <translation>開啟文件資料夾</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>載入欄位清單</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>欄位清單 (*.json)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 檔案 (*.json)</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <source>confirmed</source>
        <extracomment>0-based page of the box, or -1 &quot;&quot;, &quot;confirmed&quot; or &quot;corrected&quot; what a clerk did with a value: nothing yet, confirmed it, or corrected it</extracomment>
        <translation>已確認</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>confident</source>
        <translation>可信</translation>
    </message>
    <message>
        <source>check</source>
        <translation>需核對</translation>
    </message>
    <message>
        <source>not on the page</source>
        <translation>頁面上未找到</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>FieldTable</name>
    <message>
        <source>{array} {n}: {name}</source>
        <extracomment>FieldResult</extracomment>
        <translation>{array} {n}：{name}</translation>
    </message>
    <message>
        <source>match {ratio}</source>
        <translation>相符度 {ratio}</translation>
    </message>
    <message>
        <source>Review: {reasons}</source>
        <translation>需核對：{reasons}</translation>
    </message>
    <message>
        <source>Read as: {original}</source>
        <translation>辨識結果：{original}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Field</source>
        <extracomment>field id, the value typed</extracomment>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>相符度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
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
        <translation>將發票、收據或資料夾拖放到這裡。</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>明細</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次處理</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>範本：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Results are saved into this sheet of the store</source>
        <translation>結果會儲存到資料庫中的此工作表</translation>
    </message>
    <message>
        <source>= template</source>
        <translation>= 範本名稱</translation>
    </message>
    <message>
        <source>Mode: offline</source>
        <translation>模式：離線</translation>
    </message>
    <message>
        <source>Mode: cloud</source>
        <translation>模式：雲端</translation>
    </message>
    <message>
        <source>Mode: hosted</source>
        <translation>模式：space-ocr 服務</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在讀取 {file}…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n document(s)</source>
        <translation>
            <numerusform>已完成：%n 份文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) to review</source>
        <translation>
            <numerusform>%n 個值待核對</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 個失敗</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{file}: the file was not found.</source>
        <extracomment>code -&gt; untranslated text; ``{file}`` is the file&apos;s name</extracomment>
        <translation>{file}：找不到此檔案。</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable and try again.</source>
        <translation>{file}：沒有權限。請讓檔案可讀取後再試一次。</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}：檔案是空的。</translation>
    </message>
    <message>
        <source>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</source>
        <translation>{file}：不是 PDF 或圖片（PNG、JPEG、TIFF、BMP、GIF、WebP）。</translation>
    </message>
    <message>
        <source>{file}: the file is damaged and cannot be read; re-scan or re-export it.</source>
        <translation>{file}：檔案已損毀，無法讀取。請重新掃描或重新匯出。</translation>
    </message>
    <message>
        <source>{file}: the PDF is protected by a password.</source>
        <translation>{file}：此 PDF 受密碼保護。</translation>
    </message>
    <message>
        <source>{file}: the document has no pages.</source>
        <translation>{file}：文件沒有頁面。</translation>
    </message>
    <message>
        <source>{file}: the document is larger than the limits allow.</source>
        <translation>{file}：文件超出允許的大小。</translation>
    </message>
    <message>
        <source>{file}: no page could be read.</source>
        <translation>{file}：沒有可讀取的頁面。</translation>
    </message>
    <message>
        <source>The OCR engine or extractor for this mode is not available.</source>
        <translation>此模式的 OCR 引擎或擷取器無法使用。</translation>
    </message>
    <message>
        <source>The cloud service refused the key; check it in the settings.</source>
        <translation>雲端服務拒絕了金鑰，請在設定中檢查。</translation>
    </message>
    <message>
        <source>The cloud service&apos;s quota is used up; try again later.</source>
        <translation>雲端服務配額已用完，請稍後再試。</translation>
    </message>
    <message>
        <source>The request to the cloud service failed; try again.</source>
        <translation>向雲端服務發出的要求失敗，請再試一次。</translation>
    </message>
    <message>
        <source>The template or field list is not valid.</source>
        <translation>範本或欄位清單無效。</translation>
    </message>
    <message>
        <source>The template was not found.</source>
        <translation>找不到此範本。</translation>
    </message>
    <message>
        <source>The results database cannot be written (locked, full or read-only).</source>
        <translation>無法寫入結果資料庫（已鎖定、空間不足或唯讀）。</translation>
    </message>
    <message>
        <source>The results database is damaged.</source>
        <translation>結果資料庫已損毀。</translation>
    </message>
    <message>
        <source>The values to check are not valid.</source>
        <translation>要核對的值無效。</translation>
    </message>
    <message>
        <source>There is no sheet of that name.</source>
        <translation>沒有此名稱的工作表。</translation>
    </message>
    <message>
        <source>The document is no longer in the sheet.</source>
        <translation>此文件已不在工作表中。</translation>
    </message>
    <message>
        <source>This sheet holds another template; choose another sheet for these documents.</source>
        <translation>此工作表屬於其他範本，請為這些文件選擇其他工作表。</translation>
    </message>
    <message>
        <source>The filter expression is not valid.</source>
        <translation>篩選運算式無效。</translation>
    </message>
    <message>
        <source>The space-ocr service sent an answer that cannot be read; try again.</source>
        <translation>無法讀取 space-ocr 服務的回應，請再試一次。</translation>
    </message>
    <message>
        <source>The space-ocr service did not answer in time; try again.</source>
        <translation>space-ocr 服務未及時回應，請再試一次。</translation>
    </message>
    <message>
        <source>A webhook delivery had a missing or wrong signature.</source>
        <translation>Webhook 傳送缺少簽章或簽章錯誤。</translation>
    </message>
    <message>
        <source>The space-ocr service cannot be reached; check the connection.</source>
        <translation>無法連線到 space-ocr 服務，請檢查網路連線。</translation>
    </message>
    <message>
        <source>A setting is missing or wrong.</source>
        <translation>某項設定缺少或有誤。</translation>
    </message>
    <message>
        <source>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</source>
        <translation>尚未設定 space-ocr API 金鑰：請在「工具 ▸ 設定」中輸入，或設定環境變數 SPACEOCR_API_KEY。</translation>
    </message>
    <message>
        <source>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</source>
        <translation>尚未設定 Google Cloud Vision 金鑰：請在「工具 ▸ 設定」中輸入，或設定環境變數 GOOGLE_API_KEY。</translation>
    </message>
    <message>
        <source>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</source>
        <translation>尚未設定 Anthropic API 金鑰：請在「工具 ▸ 設定」中輸入，或設定環境變數 ANTHROPIC_API_KEY。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the request.</source>
        <translation>space-ocr 服務拒絕了要求。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the API key; check it in the settings.</source>
        <translation>space-ocr 服務拒絕了 API 金鑰，請在設定中檢查。</translation>
    </message>
    <message>
        <source>The space-ocr account has no credit left; top it up and try again.</source>
        <translation>space-ocr 帳戶餘額不足，請儲值後再試一次。</translation>
    </message>
    <message>
        <source>The space-ocr service is busy (too many requests); try again in a minute.</source>
        <translation>space-ocr 服務忙碌中（要求過多），請一分鐘後再試。</translation>
    </message>
    <message>
        <source>The space-ocr service had a problem on its side; try again later.</source>
        <translation>space-ocr 服務端發生問題，請稍後再試。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not accept this document.</source>
        <translation>{file}：space-ocr 服務無法接收此文件。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not read this document.</source>
        <translation>{file}：space-ocr 服務無法讀取此文件。</translation>
    </message>
    <message>
        <source>The space-ocr service took too long with this document; try again.</source>
        <translation>space-ocr 服務處理此文件逾時，請再試一次。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{file}: cannot be saved there; the folder is missing, read-only or full.</source>
        <translation>{file}：無法儲存到該位置；資料夾不存在、唯讀或已滿。</translation>
    </message>
    <message>
        <source>An unexpected error happened; the details are in the log.</source>
        <translation>發生未預期的錯誤，詳細資訊已記錄在日誌中。</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>此文件</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Batch: %p%</source>
        <extracomment>a job row was clicked or chosen with the keyboard</extracomment>
        <translation>總進度：%p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the selected documents</source>
        <translation>取消所選文件的處理</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Correct {field}</source>
        <extracomment>where a document lives in the store: (sheet, doc id) DocumentResult, with the clerk&apos;s corrections swapped in</extracomment>
        <translation>更正 {field}</translation>
    </message>
    <message>
        <source>Confirm {field}</source>
        <translation>確認 {field}</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>Nothing left to review.</source>
        <extracomment>the documents under review, by store key (made on first use) the store key of each job whose result is saved</extracomment>
        <translation>沒有需要核對的值了。</translation>
    </message>
    <message>
        <source>This document is still being saved; try again in a moment.</source>
        <translation>此文件仍在儲存中，請稍後再試。</translation>
    </message>
</context>
<context>
    <name>ReviewReason</name>
    <message>
        <source>the value was not found on the page</source>
        <translation>頁面上找不到該值</translation>
    </message>
    <message>
        <source>the value appears more than once</source>
        <translation>該值出現不只一次</translation>
    </message>
    <message>
        <source>only part of the value was found</source>
        <translation>只找到該值的一部分</translation>
    </message>
    <message>
        <source>a consistency check failed</source>
        <translation>一致性檢查未通過</translation>
    </message>
    <message>
        <source>the OCR was unsure</source>
        <translation>OCR 辨識不確定</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>UI languages offered: code -&gt; the language&apos;s own name (shown as is, never translated) the settings and the keys&apos; status are shown the Settings written a checked fields JSON became the default template a template was written as a fields JSON</extracomment>
        <translation>設定</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Offline (on this computer)</source>
        <translation>離線（在這台電腦上處理）</translation>
    </message>
    <message>
        <source>Cloud (Google Vision and Claude, your keys)</source>
        <translation>雲端（Google Vision 與 Claude，使用您的金鑰）</translation>
    </message>
    <message>
        <source>Hosted (the space-ocr service)</source>
        <translation>space-ocr 服務</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>與系統相同</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>介面語言：</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Render pages at:</source>
        <translation>頁面轉譯解析度：</translation>
    </message>
    <message>
        <source>the default place in your user folder</source>
        <translation>使用者資料夾中的預設位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>Results database:</source>
        <translation>結果資料庫：</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <source>Google Cloud Vision key:</source>
        <translation>Google Cloud Vision 金鑰：</translation>
    </message>
    <message>
        <source>Anthropic (Claude) key:</source>
        <translation>Anthropic（Claude）金鑰：</translation>
    </message>
    <message>
        <source>space-ocr key:</source>
        <translation>space-ocr 金鑰：</translation>
    </message>
    <message>
        <source>reading the keyring…</source>
        <translation>正在讀取鑰匙圈…</translation>
    </message>
    <message>
        <source>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</source>
        <translation>金鑰儲存在系統的鑰匙圈中，絕不會寫入設定檔。留空即保留現有金鑰。</translation>
    </message>
    <message>
        <source>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</source>
        <translation>此系統沒有可儲存金鑰的鑰匙圈，因此無法在這裡儲存金鑰。請改為在啟動 spaceocr 前設定環境變數 GOOGLE_API_KEY、ANTHROPIC_API_KEY 和 SPACEOCR_API_KEY。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>set by the environment variable {var}: {masked}</source>
        <translation>已由環境變數 {var} 設定：{masked}</translation>
    </message>
    <message>
        <source>saved in the keyring: {masked}</source>
        <translation>已儲存在鑰匙圈中：{masked}</translation>
    </message>
    <message>
        <source>Templates and field lists</source>
        <translation>範本與欄位清單</translation>
    </message>
    <message>
        <source>Default template:</source>
        <translation>預設範本：</translation>
    </message>
    <message>
        <source>Load Field List…</source>
        <translation>載入欄位清單…</translation>
    </message>
    <message>
        <source>Save as Field List…</source>
        <translation>另存為欄位清單…</translation>
    </message>
    <message>
        <source>Save the chosen template as a fields JSON to edit</source>
        <translation>將所選範本另存為可編輯的欄位 JSON</translation>
    </message>
    <message>
        <source>Reading the settings and the keyring…</source>
        <translation>正在讀取設定和鑰匙圈…</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>結果資料庫</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.db)</source>
        <translation>SQLite 資料庫 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>載入欄位清單</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>欄位清單 (*.json)</translation>
    </message>
    <message>
        <source>Field list</source>
        <translation>欄位清單</translation>
    </message>
    <message>
        <source>Save a field list</source>
        <translation>儲存欄位清單</translation>
    </message>
    <message>
        <source>Saving the settings and the keys…</source>
        <translation>正在儲存設定和金鑰…</translation>
    </message>
    <message>
        <source>The new settings take effect the next time spaceocr starts.</source>
        <translation>新設定將在下次啟動 spaceocr 時生效。</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Reviewing without the mouse</source>
        <translation>不用滑鼠也能核對</translation>
    </message>
    <message>
        <source>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</source>
        <translation>待核對的值顯示為橘色虛線框，已確認的為青色框，已更正的為紫色框。</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>F8 or Ctrl+J</source>
        <translation>F8 或 Ctrl+J</translation>
    </message>
    <message>
        <source>Next value to review (then the next document)</source>
        <translation>下一個待核對的值（接著是下一份文件）</translation>
    </message>
    <message>
        <source>Shift+F8 or Ctrl+Shift+J</source>
        <translation>Shift+F8 或 Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Previous value to review</source>
        <translation>上一個待核對的值</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the value and go on to the next one</source>
        <translation>確認該值並前往下一個</translation>
    </message>
    <message>
        <source>F2, or start typing</source>
        <translation>F2，或直接輸入</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>更正該值</translation>
    </message>
    <message>
        <source>Enter (while editing)</source>
        <translation>Enter（編輯時）</translation>
    </message>
    <message>
        <source>Save the correction; its box is found again</source>
        <translation>儲存更正，並重新在頁面上定位</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>取消編輯</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous value</source>
        <translation>下一個 / 上一個值</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edits</source>
        <translation>復原 / 重做最近的編輯</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2</source>
        <translation>Ctrl+1 / Ctrl+2</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width / the whole page</source>
        <translation>符合頁面寬度 / 顯示整頁</translation>
    </message>
    <message>
        <source>+ / -</source>
        <translation>+ / -</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>放大 / 縮小</translation>
    </message>
    <message>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>上一頁 / 下一頁</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>開啟文件</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>顯示此清單</translation>
    </message>
</context>
<context>
    <name>StoredDocumentsModel</name>
    <message>
        <source>Document</source>
        <extracomment>job id job id, sheet, doc id (the result is in the store) the exception (a StoreError, usually) sheet names sheet, [DocumentSummary] DocumentResult, source path path sheet, doc id, values still to review (an edit)</extracomment>
        <translation>文件</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>頁數</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核對</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增時間</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>開啟檔案(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>開啟資料夾(&amp;F)…</translation>
    </message>
    <message>
        <source>Load &amp;Field List…</source>
        <translation>載入欄位清單(&amp;F)…</translation>
    </message>
    <message>
        <source>Export Current &amp;Document</source>
        <translation>匯出目前文件(&amp;D)</translation>
    </message>
    <message>
        <source>Export &amp;Selected Documents</source>
        <translation>匯出所選文件(&amp;S)</translation>
    </message>
    <message>
        <source>Export S&amp;heet</source>
        <translation>匯出工作表(&amp;H)</translation>
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
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>符合寬度(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>符合頁面(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>上一頁(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>下一頁(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>核對(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Value to Review</source>
        <translation>下一個待核對的值(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Value to Review</source>
        <translation>上一個待核對的值(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Confirm Value</source>
        <translation>確認該值(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;orrect Value</source>
        <translation>更正該值(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批次處理(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel Selected</source>
        <translation>取消所選(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>全部取消(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>清除已完成(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
</context>
</TS>
