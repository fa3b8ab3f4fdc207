<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
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
        <translation>書類</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Reading page {done} of {total}</source>
        <translation>{total} ページ中 {done} ページ目を読み取り中</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>項目を抽出中</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>開いています</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取り消し済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>要確認 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>all confident</source>
        <translation>すべて確実</translation>
    </message>
</context>
<context>
    <name>DocumentDisplay</name>
    <message>
        <source>Line items ({n})</source>
        <extracomment>failures with no page to preview (the file is not there or not a document) the job on screen its file (for the page renders) the DocumentResult on screen (None for a preview) its (sheet, doc id) once stored field titles of its template, in the UI language</extracomment>
        <translation>明細 ({n} 行)</translation>
    </message>
    <message>
        <source>{file} — spaceocr</source>
        <translation>{file} — spaceocr</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>{page} / {count} ページ</translation>
    </message>
</context>
<context>
    <name>DocumentExporter</name>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>エクスポートできるものはまだありません。</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>{path} にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Looking for documents…</source>
        <translation>書類を探しています…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) queued</source>
        <translation>
            <numerusform>%n 件の書類を追加しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read (see the queue)</source>
        <translation>
            <numerusform>%n 件のファイルを読み取れません (一覧を参照)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>書類を開く</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</source>
        <translation>書類 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open a folder of documents</source>
        <translation>書類のフォルダーを開く</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>項目リストを読み込む</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>項目リスト (*.json)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON ファイル (*.json)</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <source>confirmed</source>
        <extracomment>0-based page of the box, or -1 &quot;&quot;, &quot;confirmed&quot; or &quot;corrected&quot; what a clerk did with a value: nothing yet, confirmed it, or corrected it</extracomment>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>修正済み</translation>
    </message>
    <message>
        <source>confident</source>
        <translation>確実</translation>
    </message>
    <message>
        <source>check</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>not on the page</source>
        <translation>ページ上になし</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>見つかりません</translation>
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
        <translation>一致率 {ratio}</translation>
    </message>
    <message>
        <source>Review: {reasons}</source>
        <translation>確認理由: {reasons}</translation>
    </message>
    <message>
        <source>Read as: {original}</source>
        <translation>読み取り値: {original}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Field</source>
        <extracomment>field id, the value typed</extracomment>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
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
        <translation>請求書・領収書・フォルダーをここにドロップしてください。</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>明細</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>一括処理</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>テンプレート:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>シート:</translation>
    </message>
    <message>
        <source>Results are saved into this sheet of the store</source>
        <translation>結果はデータベースのこのシートに保存されます</translation>
    </message>
    <message>
        <source>= template</source>
        <translation>= テンプレート名</translation>
    </message>
    <message>
        <source>Mode: offline</source>
        <translation>モード: オフライン</translation>
    </message>
    <message>
        <source>Mode: cloud</source>
        <translation>モード: クラウド</translation>
    </message>
    <message>
        <source>Mode: hosted</source>
        <translation>モード: space-ocr サービス</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} を読み取り中…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n document(s)</source>
        <translation>
            <numerusform>完了: 書類 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) to review</source>
        <translation>
            <numerusform>要確認の値 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>失敗 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{file}: the file was not found.</source>
        <extracomment>code -&gt; untranslated text; ``{file}`` is the file&apos;s name</extracomment>
        <translation>{file}: ファイルが見つかりません。</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable and try again.</source>
        <translation>{file}: アクセスが拒否されました。ファイルを読み取り可能にしてもう一度お試しください。</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}: ファイルが空です。</translation>
    </message>
    <message>
        <source>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</source>
        <translation>{file}: PDF でも画像 (PNG・JPEG・TIFF・BMP・GIF・WebP) でもありません。</translation>
    </message>
    <message>
        <source>{file}: the file is damaged and cannot be read; re-scan or re-export it.</source>
        <translation>{file}: ファイルが壊れていて読み取れません。スキャンし直すか、もう一度書き出してください。</translation>
    </message>
    <message>
        <source>{file}: the PDF is protected by a password.</source>
        <translation>{file}: この PDF はパスワードで保護されています。</translation>
    </message>
    <message>
        <source>{file}: the document has no pages.</source>
        <translation>{file}: 書類にページがありません。</translation>
    </message>
    <message>
        <source>{file}: the document is larger than the limits allow.</source>
        <translation>{file}: 書類が上限を超える大きさです。</translation>
    </message>
    <message>
        <source>{file}: no page could be read.</source>
        <translation>{file}: 読み取れたページがありません。</translation>
    </message>
    <message>
        <source>The OCR engine or extractor for this mode is not available.</source>
        <translation>このモードの OCR エンジンまたは抽出機能が使えません。</translation>
    </message>
    <message>
        <source>The cloud service refused the key; check it in the settings.</source>
        <translation>クラウドサービスがキーを受け付けませんでした。設定でキーを確認してください。</translation>
    </message>
    <message>
        <source>The cloud service&apos;s quota is used up; try again later.</source>
        <translation>クラウドサービスの利用上限に達しました。しばらくしてからお試しください。</translation>
    </message>
    <message>
        <source>The request to the cloud service failed; try again.</source>
        <translation>クラウドサービスへの要求に失敗しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The template or field list is not valid.</source>
        <translation>テンプレートまたは項目リストが正しくありません。</translation>
    </message>
    <message>
        <source>The template was not found.</source>
        <translation>テンプレートが見つかりません。</translation>
    </message>
    <message>
        <source>The results database cannot be written (locked, full or read-only).</source>
        <translation>結果のデータベースに書き込めません (ロック中・容量不足・読み取り専用のいずれか)。</translation>
    </message>
    <message>
        <source>The results database is damaged.</source>
        <translation>結果のデータベースが壊れています。</translation>
    </message>
    <message>
        <source>The values to check are not valid.</source>
        <translation>チェックする値が正しくありません。</translation>
    </message>
    <message>
        <source>There is no sheet of that name.</source>
        <translation>その名前のシートはありません。</translation>
    </message>
    <message>
        <source>The document is no longer in the sheet.</source>
        <translation>この書類はもうシートにありません。</translation>
    </message>
    <message>
        <source>This sheet holds another template; choose another sheet for these documents.</source>
        <translation>このシートは別のテンプレート用です。これらの書類には別のシートを選んでください。</translation>
    </message>
    <message>
        <source>The filter expression is not valid.</source>
        <translation>絞り込み条件が正しくありません。</translation>
    </message>
    <message>
        <source>The space-ocr service sent an answer that cannot be read; try again.</source>
        <translation>space-ocr サービスの応答を読み取れませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The space-ocr service did not answer in time; try again.</source>
        <translation>space-ocr サービスから時間内に応答がありませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>A webhook delivery had a missing or wrong signature.</source>
        <translation>Webhook の配信に署名がないか、署名が正しくありません。</translation>
    </message>
    <message>
        <source>The space-ocr service cannot be reached; check the connection.</source>
        <translation>space-ocr サービスに接続できません。ネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>A setting is missing or wrong.</source>
        <translation>設定が不足しているか、正しくありません。</translation>
    </message>
    <message>
        <source>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</source>
        <translation>space-ocr の API キーが設定されていません。[ツール] ▸ [設定] で入力するか、環境変数 SPACEOCR_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</source>
        <translation>Google Cloud Vision のキーが設定されていません。[ツール] ▸ [設定] で入力するか、環境変数 GOOGLE_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</source>
        <translation>Anthropic の API キーが設定されていません。[ツール] ▸ [設定] で入力するか、環境変数 ANTHROPIC_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the request.</source>
        <translation>space-ocr サービスが要求を拒否しました。</translation>
    </message>
    <message>
        <source>The space-ocr service refused the API key; check it in the settings.</source>
        <translation>space-ocr サービスが API キーを受け付けませんでした。設定でキーを確認してください。</translation>
    </message>
    <message>
        <source>The space-ocr account has no credit left; top it up and try again.</source>
        <translation>space-ocr アカウントの残高がありません。チャージしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The space-ocr service is busy (too many requests); try again in a minute.</source>
        <translation>space-ocr サービスが混み合っています (要求が多すぎます)。1 分ほど待ってからお試しください。</translation>
    </message>
    <message>
        <source>The space-ocr service had a problem on its side; try again later.</source>
        <translation>space-ocr サービス側で問題が発生しました。しばらくしてからお試しください。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not accept this document.</source>
        <translation>{file}: space-ocr サービスがこの書類を受け付けませんでした。</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not read this document.</source>
        <translation>{file}: space-ocr サービスがこの書類を読み取れませんでした。</translation>
    </message>
    <message>
        <source>The space-ocr service took too long with this document; try again.</source>
        <translation>space-ocr サービスでこの書類の処理に時間がかかりすぎました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>取り消しました。</translation>
    </message>
    <message>
        <source>{file}: cannot be saved there; the folder is missing, read-only or full.</source>
        <translation>{file}: そこには保存できません。フォルダーが無いか、読み取り専用か、空き容量が足りません。</translation>
    </message>
    <message>
        <source>An unexpected error happened; the details are in the log.</source>
        <translation>予期しないエラーが発生しました。詳細はログに記録されています。</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>書類</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Batch: %p%</source>
        <extracomment>a job row was clicked or chosen with the keyboard</extracomment>
        <translation>全体: %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>Cancel the selected documents</source>
        <translation>選択した書類の処理を取り消します</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>すべて取り消し</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>完了分を消去</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Correct {field}</source>
        <extracomment>where a document lives in the store: (sheet, doc id) DocumentResult, with the clerk&apos;s corrections swapped in</extracomment>
        <translation>{field} を修正</translation>
    </message>
    <message>
        <source>Confirm {field}</source>
        <translation>{field} を確定</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>Nothing left to review.</source>
        <extracomment>the documents under review, by store key (made on first use) the store key of each job whose result is saved</extracomment>
        <translation>確認が必要な値は残っていません。</translation>
    </message>
    <message>
        <source>This document is still being saved; try again in a moment.</source>
        <translation>この書類はまだ保存中です。少し待ってからもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>ReviewReason</name>
    <message>
        <source>the value was not found on the page</source>
        <translation>ページ上で値が見つかりませんでした</translation>
    </message>
    <message>
        <source>the value appears more than once</source>
        <translation>同じ値が複数箇所にあります</translation>
    </message>
    <message>
        <source>only part of the value was found</source>
        <translation>値の一部しか見つかりませんでした</translation>
    </message>
    <message>
        <source>a consistency check failed</source>
        <translation>整合性チェックで不一致がありました</translation>
    </message>
    <message>
        <source>the OCR was unsure</source>
        <translation>OCR の読み取りが不確かです</translation>
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
        <translation>全般</translation>
    </message>
    <message>
        <source>Offline (on this computer)</source>
        <translation>オフライン (このパソコンで処理)</translation>
    </message>
    <message>
        <source>Cloud (Google Vision and Claude, your keys)</source>
        <translation>クラウド (Google Vision と Claude、ご自身のキー)</translation>
    </message>
    <message>
        <source>Hosted (the space-ocr service)</source>
        <translation>space-ocr サービス</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>モード:</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>表示言語:</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Render pages at:</source>
        <translation>ページの描画解像度:</translation>
    </message>
    <message>
        <source>the default place in your user folder</source>
        <translation>ユーザーフォルダー内の既定の場所</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Results database:</source>
        <translation>結果のデータベース:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>Google Cloud Vision key:</source>
        <translation>Google Cloud Vision のキー:</translation>
    </message>
    <message>
        <source>Anthropic (Claude) key:</source>
        <translation>Anthropic (Claude) のキー:</translation>
    </message>
    <message>
        <source>space-ocr key:</source>
        <translation>space-ocr のキー:</translation>
    </message>
    <message>
        <source>reading the keyring…</source>
        <translation>キーリングを読み込み中…</translation>
    </message>
    <message>
        <source>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</source>
        <translation>キーはシステムのキーリングに保存され、設定ファイルには書き込まれません。今のキーを使い続ける場合は空欄のままにしてください。</translation>
    </message>
    <message>
        <source>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</source>
        <translation>このシステムにはキーを保存するキーリングがないため、ここではキーを保存できません。代わりに spaceocr を起動する前に環境変数 GOOGLE_API_KEY、ANTHROPIC_API_KEY、SPACEOCR_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>set by the environment variable {var}: {masked}</source>
        <translation>環境変数 {var} で設定済み: {masked}</translation>
    </message>
    <message>
        <source>saved in the keyring: {masked}</source>
        <translation>キーリングに保存済み: {masked}</translation>
    </message>
    <message>
        <source>Templates and field lists</source>
        <translation>テンプレートと項目リスト</translation>
    </message>
    <message>
        <source>Default template:</source>
        <translation>既定のテンプレート:</translation>
    </message>
    <message>
        <source>Load Field List…</source>
        <translation>項目リストを読み込む…</translation>
    </message>
    <message>
        <source>Save as Field List…</source>
        <translation>項目リストとして保存…</translation>
    </message>
    <message>
        <source>Save the chosen template as a fields JSON to edit</source>
        <translation>選んだテンプレートを編集用の項目 JSON として保存します</translation>
    </message>
    <message>
        <source>Reading the settings and the keyring…</source>
        <translation>設定とキーリングを読み込んでいます…</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>結果のデータベース</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.db)</source>
        <translation>SQLite データベース (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>項目リストを読み込む</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>項目リスト (*.json)</translation>
    </message>
    <message>
        <source>Field list</source>
        <translation>項目リスト</translation>
    </message>
    <message>
        <source>Save a field list</source>
        <translation>項目リストを保存</translation>
    </message>
    <message>
        <source>Saving the settings and the keys…</source>
        <translation>設定とキーを保存しています…</translation>
    </message>
    <message>
        <source>The new settings take effect the next time spaceocr starts.</source>
        <translation>新しい設定は次回 spaceocr を起動したときに反映されます。</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Reviewing without the mouse</source>
        <translation>マウスを使わずに確認する</translation>
    </message>
    <message>
        <source>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</source>
        <translation>確認が必要な値はオレンジの破線枠、確定した値は青緑の枠、修正した値は紫の枠で表示されます。</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>F8 or Ctrl+J</source>
        <translation>F8 または Ctrl+J</translation>
    </message>
    <message>
        <source>Next value to review (then the next document)</source>
        <translation>次の要確認の値へ (なければ次の書類へ)</translation>
    </message>
    <message>
        <source>Shift+F8 or Ctrl+Shift+J</source>
        <translation>Shift+F8 または Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Previous value to review</source>
        <translation>前の要確認の値へ</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the value and go on to the next one</source>
        <translation>値を確定して次へ進む</translation>
    </message>
    <message>
        <source>F2, or start typing</source>
        <translation>F2 またはそのまま入力</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>値を修正する</translation>
    </message>
    <message>
        <source>Enter (while editing)</source>
        <translation>Enter (編集中)</translation>
    </message>
    <message>
        <source>Save the correction; its box is found again</source>
        <translation>修正を保存し、ページ上の位置を探し直す</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>編集を取り消す</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous value</source>
        <translation>次 / 前の値へ</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edits</source>
        <translation>直前の操作を元に戻す / やり直す</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2</source>
        <translation>Ctrl+1 / Ctrl+2</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width / the whole page</source>
        <translation>ページの幅に合わせる / ページ全体を表示</translation>
    </message>
    <message>
        <source>+ / -</source>
        <translation>+ / -</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>拡大 / 縮小</translation>
    </message>
    <message>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>前 / 次のページ</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>書類を開く</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>この一覧を表示</translation>
    </message>
</context>
<context>
    <name>StoredDocumentsModel</name>
    <message>
        <source>Document</source>
        <extracomment>job id job id, sheet, doc id (the result is in the store) the exception (a StoreError, usually) sheet names sheet, [DocumentSummary] DocumentResult, source path path sheet, doc id, values still to review (an edit)</extracomment>
        <translation>書類</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>ページ数</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>ファイルを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>Load &amp;Field List…</source>
        <translation>項目リストを読み込む(&amp;F)…</translation>
    </message>
    <message>
        <source>Export Current &amp;Document</source>
        <translation>表示中の書類をエクスポート(&amp;D)</translation>
    </message>
    <message>
        <source>Export &amp;Selected Documents</source>
        <translation>選択した書類をエクスポート(&amp;S)</translation>
    </message>
    <message>
        <source>Export S&amp;heet</source>
        <translation>シートをエクスポート(&amp;H)</translation>
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
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>幅に合わせる(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>ページ全体を表示(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>前のページ(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>次のページ(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>確認(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Value to Review</source>
        <translation>次の要確認の値(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Value to Review</source>
        <translation>前の要確認の値(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Confirm Value</source>
        <translation>値を確定(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;orrect Value</source>
        <translation>値を修正(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>一括処理(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel Selected</source>
        <translation>選択した書類を取り消す(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>すべて取り消す(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>完了分を一覧から消す(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
</context>
</TS>
