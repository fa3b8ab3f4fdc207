<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_Hans">
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
        <translation>文档</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Reading page {done} of {total}</source>
        <translation>正在读取第 {done} 页，共 {total} 页</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>正在提取</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>正在打开</translation>
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
        <translation>失败</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>待核对 %n 项</numerusform>
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
        <translation>明细（{n} 行）</translation>
    </message>
    <message>
        <source>{file} — spaceocr</source>
        <translation>{file} — spaceocr</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>第 {page} 页，共 {count} 页</translation>
    </message>
</context>
<context>
    <name>DocumentExporter</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Looking for documents…</source>
        <translation>正在查找文档…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) queued</source>
        <translation>
            <numerusform>已将 %n 份文档加入队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read (see the queue)</source>
        <translation>
            <numerusform>%n 个文件无法读取（见队列）</numerusform>
        </translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</source>
        <translation>文档 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a folder of documents</source>
        <translation>打开文档文件夹</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>载入字段列表</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>字段列表 (*.json)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <source>confirmed</source>
        <extracomment>0-based page of the box, or -1 &quot;&quot;, &quot;confirmed&quot; or &quot;corrected&quot; what a clerk did with a value: nothing yet, confirmed it, or corrected it</extracomment>
        <translation>已确认</translation>
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
        <translation>需核对</translation>
    </message>
    <message>
        <source>not on the page</source>
        <translation>页面上未找到</translation>
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
        <translation>匹配度 {ratio}</translation>
    </message>
    <message>
        <source>Review: {reasons}</source>
        <translation>需核对：{reasons}</translation>
    </message>
    <message>
        <source>Read as: {original}</source>
        <translation>识别结果：{original}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Field</source>
        <extracomment>field id, the value typed</extracomment>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
        <translation>将发票、收据或文件夹拖放到这里。</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批处理</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>表单：</translation>
    </message>
    <message>
        <source>Results are saved into this sheet of the store</source>
        <translation>结果保存到数据库中的此表单</translation>
    </message>
    <message>
        <source>= template</source>
        <translation>= 模板名称</translation>
    </message>
    <message>
        <source>Mode: offline</source>
        <translation>模式：离线</translation>
    </message>
    <message>
        <source>Mode: cloud</source>
        <translation>模式：云端</translation>
    </message>
    <message>
        <source>Mode: hosted</source>
        <translation>模式：space-ocr 服务</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n document(s)</source>
        <translation>
            <numerusform>已完成：%n 份文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) to review</source>
        <translation>
            <numerusform>%n 个值待核对</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{file}: the file was not found.</source>
        <extracomment>code -&gt; untranslated text; ``{file}`` is the file&apos;s name</extracomment>
        <translation>{file}：找不到该文件。</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable and try again.</source>
        <translation>{file}：没有权限。请使该文件可读后重试。</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}：文件为空。</translation>
    </message>
    <message>
        <source>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</source>
        <translation>{file}：不是 PDF 或图片（PNG、JPEG、TIFF、BMP、GIF、WebP）。</translation>
    </message>
    <message>
        <source>{file}: the file is damaged and cannot be read; re-scan or re-export it.</source>
        <translation>{file}：文件已损坏，无法读取。请重新扫描或重新导出。</translation>
    </message>
    <message>
        <source>{file}: the PDF is protected by a password.</source>
        <translation>{file}：该 PDF 受密码保护。</translation>
    </message>
    <message>
        <source>{file}: the document has no pages.</source>
        <translation>{file}：文档没有页面。</translation>
    </message>
    <message>
        <source>{file}: the document is larger than the limits allow.</source>
        <translation>{file}：文档超出了允许的大小。</translation>
    </message>
    <message>
        <source>{file}: no page could be read.</source>
        <translation>{file}：没有可读取的页面。</translation>
    </message>
    <message>
        <source>The OCR engine or extractor for this mode is not available.</source>
        <translation>此模式的 OCR 引擎或提取器不可用。</translation>
    </message>
    <message>
        <source>The cloud service refused the key; check it in the settings.</source>
        <translation>云服务拒绝了密钥，请在设置中检查。</translation>
    </message>
    <message>
        <source>The cloud service&apos;s quota is used up; try again later.</source>
        <translation>云服务配额已用完，请稍后再试。</translation>
    </message>
    <message>
        <source>The request to the cloud service failed; try again.</source>
        <translation>向云服务发出的请求失败，请重试。</translation>
    </message>
    <message>
        <source>The template or field list is not valid.</source>
        <translation>模板或字段列表无效。</translation>
    </message>
    <message>
        <source>The template was not found.</source>
        <translation>找不到该模板。</translation>
    </message>
    <message>
        <source>The results database cannot be written (locked, full or read-only).</source>
        <translation>无法写入结果数据库（被锁定、已满或只读）。</translation>
    </message>
    <message>
        <source>The results database is damaged.</source>
        <translation>结果数据库已损坏。</translation>
    </message>
    <message>
        <source>The values to check are not valid.</source>
        <translation>要核对的值无效。</translation>
    </message>
    <message>
        <source>There is no sheet of that name.</source>
        <translation>没有该名称的表单。</translation>
    </message>
    <message>
        <source>The document is no longer in the sheet.</source>
        <translation>该文档已不在表单中。</translation>
    </message>
    <message>
        <source>This sheet holds another template; choose another sheet for these documents.</source>
        <translation>该表单属于其他模板，请为这些文档选择其他表单。</translation>
    </message>
    <message>
        <source>The filter expression is not valid.</source>
        <translation>筛选表达式无效。</translation>
    </message>
    <message>
        <source>The space-ocr service sent an answer that cannot be read; try again.</source>
        <translation>无法读取 space-ocr 服务的响应，请重试。</translation>
    </message>
    <message>
        <source>The space-ocr service did not answer in time; try again.</source>
        <translation>space-ocr 服务未及时响应，请重试。</translation>
    </message>
    <message>
        <source>A webhook delivery had a missing or wrong signature.</source>
        <translation>Webhook 推送缺少签名或签名错误。</translation>
    </message>
    <message>
        <source>The space-ocr service cannot be reached; check the connection.</source>
        <translation>无法连接 space-ocr 服务，请检查网络连接。</translation>
    </message>
    <message>
        <source>A setting is missing or wrong.</source>
        <translation>某项设置缺失或有误。</translation>
    </message>
    <message>
        <source>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</source>
        <translation>尚未设置 space-ocr API 密钥：请在“工具 ▸ 设置”中输入，或设置环境变量 SPACEOCR_API_KEY。</translation>
    </message>
    <message>
        <source>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</source>
        <translation>尚未设置 Google Cloud Vision 密钥：请在“工具 ▸ 设置”中输入，或设置环境变量 GOOGLE_API_KEY。</translation>
    </message>
    <message>
        <source>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</source>
        <translation>尚未设置 Anthropic API 密钥：请在“工具 ▸ 设置”中输入，或设置环境变量 ANTHROPIC_API_KEY。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the request.</source>
        <translation>space-ocr 服务拒绝了请求。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the API key; check it in the settings.</source>
        <translation>space-ocr 服务拒绝了 API 密钥，请在设置中检查。</translation>
    </message>
    <message>
        <source>The space-ocr account has no credit left; top it up and try again.</source>
        <translation>space-ocr 账户余额不足，请充值后重试。</translation>
    </message>
    <message>
        <source>The space-ocr service is busy (too many requests); try again in a minute.</source>
        <translation>space-ocr 服务繁忙（请求过多），请一分钟后再试。</translation>
    </message>
    <message>
        <source>The space-ocr service had a problem on its side; try again later.</source>
        <translation>space-ocr 服务端出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not accept this document.</source>
        <translation>{file}：space-ocr 服务无法接收该文档。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not read this document.</source>
        <translation>{file}：space-ocr 服务无法读取该文档。</translation>
    </message>
    <message>
        <source>The space-ocr service took too long with this document; try again.</source>
        <translation>space-ocr 服务处理该文档超时，请重试。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{file}: cannot be saved there; the folder is missing, read-only or full.</source>
        <translation>{file}：无法保存到该位置；文件夹不存在、只读或已满。</translation>
    </message>
    <message>
        <source>An unexpected error happened; the details are in the log.</source>
        <translation>发生意外错误，详细信息已记入日志。</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>该文档</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Batch: %p%</source>
        <extracomment>a job row was clicked or chosen with the keyboard</extracomment>
        <translation>总进度：%p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the selected documents</source>
        <translation>取消所选文档的处理</translation>
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
        <translation>确认 {field}</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>Nothing left to review.</source>
        <extracomment>the documents under review, by store key (made on first use) the store key of each job whose result is saved</extracomment>
        <translation>没有需要核对的值了。</translation>
    </message>
    <message>
        <source>This document is still being saved; try again in a moment.</source>
        <translation>该文档仍在保存，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>ReviewReason</name>
    <message>
        <source>the value was not found on the page</source>
        <translation>页面上未找到该值</translation>
    </message>
    <message>
        <source>the value appears more than once</source>
        <translation>该值出现了不止一次</translation>
    </message>
    <message>
        <source>only part of the value was found</source>
        <translation>只找到了该值的一部分</translation>
    </message>
    <message>
        <source>a consistency check failed</source>
        <translation>一致性检查未通过</translation>
    </message>
    <message>
        <source>the OCR was unsure</source>
        <translation>OCR 识别不确定</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>UI languages offered: code -&gt; the language&apos;s own name (shown as is, never translated) the settings and the keys&apos; status are shown the Settings written a checked fields JSON became the default template a template was written as a fields JSON</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Offline (on this computer)</source>
        <translation>离线（在本机处理）</translation>
    </message>
    <message>
        <source>Cloud (Google Vision and Claude, your keys)</source>
        <translation>云端（Google Vision 和 Claude，使用您的密钥）</translation>
    </message>
    <message>
        <source>Hosted (the space-ocr service)</source>
        <translation>space-ocr 服务</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Render pages at:</source>
        <translation>页面渲染分辨率：</translation>
    </message>
    <message>
        <source>the default place in your user folder</source>
        <translation>用户文件夹中的默认位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Results database:</source>
        <translation>结果数据库：</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Google Cloud Vision key:</source>
        <translation>Google Cloud Vision 密钥：</translation>
    </message>
    <message>
        <source>Anthropic (Claude) key:</source>
        <translation>Anthropic（Claude）密钥：</translation>
    </message>
    <message>
        <source>space-ocr key:</source>
        <translation>space-ocr 密钥：</translation>
    </message>
    <message>
        <source>reading the keyring…</source>
        <translation>正在读取密钥环…</translation>
    </message>
    <message>
        <source>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</source>
        <translation>密钥保存在系统的密钥环中，绝不会写入设置文件。留空则保留现有密钥。</translation>
    </message>
    <message>
        <source>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</source>
        <translation>此系统没有可保存密钥的密钥环，因此无法在这里保存密钥。请改为在启动 spaceocr 前设置环境变量 GOOGLE_API_KEY、ANTHROPIC_API_KEY 和 SPACEOCR_API_KEY。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>set by the environment variable {var}: {masked}</source>
        <translation>已由环境变量 {var} 设置：{masked}</translation>
    </message>
    <message>
        <source>saved in the keyring: {masked}</source>
        <translation>已保存在密钥环中：{masked}</translation>
    </message>
    <message>
        <source>Templates and field lists</source>
        <translation>模板和字段列表</translation>
    </message>
    <message>
        <source>Default template:</source>
        <translation>默认模板：</translation>
    </message>
    <message>
        <source>Load Field List…</source>
        <translation>载入字段列表…</translation>
    </message>
    <message>
        <source>Save as Field List…</source>
        <translation>另存为字段列表…</translation>
    </message>
    <message>
        <source>Save the chosen template as a fields JSON to edit</source>
        <translation>将所选模板另存为可编辑的字段 JSON</translation>
    </message>
    <message>
        <source>Reading the settings and the keyring…</source>
        <translation>正在读取设置和密钥环…</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>结果数据库</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.db)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>载入字段列表</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>字段列表 (*.json)</translation>
    </message>
    <message>
        <source>Field list</source>
        <translation>字段列表</translation>
    </message>
    <message>
        <source>Save a field list</source>
        <translation>保存字段列表</translation>
    </message>
    <message>
        <source>Saving the settings and the keys…</source>
        <translation>正在保存设置和密钥…</translation>
    </message>
    <message>
        <source>The new settings take effect the next time spaceocr starts.</source>
        <translation>新设置将在下次启动 spaceocr 时生效。</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Reviewing without the mouse</source>
        <translation>无需鼠标即可核对</translation>
    </message>
    <message>
        <source>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</source>
        <translation>待核对的值显示为橙色虚线框，已确认的为青色框，已更正的为紫色框。</translation>
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
        <translation>下一个待核对的值（然后是下一个文档）</translation>
    </message>
    <message>
        <source>Shift+F8 or Ctrl+Shift+J</source>
        <translation>Shift+F8 或 Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Previous value to review</source>
        <translation>上一个待核对的值</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the value and go on to the next one</source>
        <translation>确认该值并转到下一个</translation>
    </message>
    <message>
        <source>F2, or start typing</source>
        <translation>F2，或直接输入</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>更正该值</translation>
    </message>
    <message>
        <source>Enter (while editing)</source>
        <translation>Enter（编辑时）</translation>
    </message>
    <message>
        <source>Save the correction; its box is found again</source>
        <translation>保存更正，并重新在页面上定位</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous value</source>
        <translation>下一个 / 上一个值</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edits</source>
        <translation>撤销 / 重做最近的编辑</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2</source>
        <translation>Ctrl+1 / Ctrl+2</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width / the whole page</source>
        <translation>适合页面宽度 / 显示整页</translation>
    </message>
    <message>
        <source>+ / -</source>
        <translation>+ / -</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>放大 / 缩小</translation>
    </message>
    <message>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>上一页 / 下一页</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>显示此列表</translation>
    </message>
</context>
<context>
    <name>StoredDocumentsModel</name>
    <message>
        <source>Document</source>
        <extracomment>job id job id, sheet, doc id (the result is in the store) the exception (a StoreError, usually) sheet names sheet, [DocumentSummary] DocumentResult, source path path sheet, doc id, values still to review (an edit)</extracomment>
        <translation>文档</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Load &amp;Field List…</source>
        <translation>载入字段列表(&amp;F)…</translation>
    </message>
    <message>
        <source>Export Current &amp;Document</source>
        <translation>导出当前文档(&amp;D)</translation>
    </message>
    <message>
        <source>Export &amp;Selected Documents</source>
        <translation>导出所选文档(&amp;S)</translation>
    </message>
    <message>
        <source>Export S&amp;heet</source>
        <translation>导出表单(&amp;H)</translation>
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
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>适合页面(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>上一页(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>核对(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Value to Review</source>
        <translation>下一个待核对的值(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Value to Review</source>
        <translation>上一个待核对的值(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Confirm Value</source>
        <translation>确认该值(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;orrect Value</source>
        <translation>更正该值(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批处理(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel Selected</source>
        <translation>取消所选(&amp;C)</translation>
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
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
</context>
</TS>
