<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
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
        <translation>문서</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Reading page {done} of {total}</source>
        <translation>{total}쪽 중 {done}쪽 읽는 중</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>항목 추출 중</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>여는 중</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>검토 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>all confident</source>
        <translation>모두 확실</translation>
    </message>
</context>
<context>
    <name>DocumentDisplay</name>
    <message>
        <source>Line items ({n})</source>
        <extracomment>failures with no page to preview (the file is not there or not a document) the job on screen its file (for the page renders) the DocumentResult on screen (None for a preview) its (sheet, doc id) once stored field titles of its template, in the UI language</extracomment>
        <translation>품목 ({n}개)</translation>
    </message>
    <message>
        <source>{file} — spaceocr</source>
        <translation>{file} — spaceocr</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>{page} / {count}쪽</translation>
    </message>
</context>
<context>
    <name>DocumentExporter</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>아직 내보낼 것이 없습니다.</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>{path}(으)로 내보냈습니다</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Looking for documents…</source>
        <translation>문서를 찾는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) queued</source>
        <translation>
            <numerusform>문서 %n개를 대기열에 추가했습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read (see the queue)</source>
        <translation>
            <numerusform>파일 %n개를 읽을 수 없습니다(대기열 참조)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>문서 열기</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;All files (*)</source>
        <translation>문서 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open a folder of documents</source>
        <translation>문서 폴더 열기</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>항목 목록 불러오기</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>항목 목록 (*.json)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 통합 문서 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
</context>
<context>
    <name>FieldStatus</name>
    <message>
        <source>confirmed</source>
        <extracomment>0-based page of the box, or -1 &quot;&quot;, &quot;confirmed&quot; or &quot;corrected&quot; what a clerk did with a value: nothing yet, confirmed it, or corrected it</extracomment>
        <translation>확인됨</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>수정됨</translation>
    </message>
    <message>
        <source>confident</source>
        <translation>확실</translation>
    </message>
    <message>
        <source>check</source>
        <translation>확인 필요</translation>
    </message>
    <message>
        <source>not on the page</source>
        <translation>페이지에 없음</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>찾지 못함</translation>
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
        <translation>일치율 {ratio}</translation>
    </message>
    <message>
        <source>Review: {reasons}</source>
        <translation>검토 사유: {reasons}</translation>
    </message>
    <message>
        <source>Read as: {original}</source>
        <translation>인식된 값: {original}</translation>
    </message>
</context>
<context>
    <name>FieldTableModel</name>
    <message>
        <source>Field</source>
        <extracomment>field id, the value typed</extracomment>
        <translation>항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>일치율</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
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
        <translation>청구서, 영수증 또는 폴더를 여기에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>품목</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>일괄 처리</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>시트</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>템플릿:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>시트:</translation>
    </message>
    <message>
        <source>Results are saved into this sheet of the store</source>
        <translation>결과는 데이터베이스의 이 시트에 저장됩니다</translation>
    </message>
    <message>
        <source>= template</source>
        <translation>= 템플릿 이름</translation>
    </message>
    <message>
        <source>Mode: offline</source>
        <translation>모드: 오프라인</translation>
    </message>
    <message>
        <source>Mode: cloud</source>
        <translation>모드: 클라우드</translation>
    </message>
    <message>
        <source>Mode: hosted</source>
        <translation>모드: space-ocr 서비스</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} 읽는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n document(s)</source>
        <translation>
            <numerusform>완료: 문서 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) to review</source>
        <translation>
            <numerusform>검토할 값 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>실패 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{file}: the file was not found.</source>
        <extracomment>code -&gt; untranslated text; ``{file}`` is the file&apos;s name</extracomment>
        <translation>{file}: 파일을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable and try again.</source>
        <translation>{file}: 권한이 없습니다. 파일을 읽을 수 있게 한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{file}: the file is empty.</source>
        <translation>{file}: 빈 파일입니다.</translation>
    </message>
    <message>
        <source>{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP).</source>
        <translation>{file}: PDF 또는 이미지(PNG, JPEG, TIFF, BMP, GIF, WebP) 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>{file}: the file is damaged and cannot be read; re-scan or re-export it.</source>
        <translation>{file}: 파일이 손상되어 읽을 수 없습니다. 다시 스캔하거나 다시 내보내세요.</translation>
    </message>
    <message>
        <source>{file}: the PDF is protected by a password.</source>
        <translation>{file}: 이 PDF는 암호로 보호되어 있습니다.</translation>
    </message>
    <message>
        <source>{file}: the document has no pages.</source>
        <translation>{file}: 문서에 페이지가 없습니다.</translation>
    </message>
    <message>
        <source>{file}: the document is larger than the limits allow.</source>
        <translation>{file}: 문서가 허용된 크기를 넘습니다.</translation>
    </message>
    <message>
        <source>{file}: no page could be read.</source>
        <translation>{file}: 읽을 수 있는 페이지가 없습니다.</translation>
    </message>
    <message>
        <source>The OCR engine or extractor for this mode is not available.</source>
        <translation>이 모드의 OCR 엔진 또는 추출기를 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>The cloud service refused the key; check it in the settings.</source>
        <translation>클라우드 서비스가 키를 거부했습니다. 설정에서 키를 확인하세요.</translation>
    </message>
    <message>
        <source>The cloud service&apos;s quota is used up; try again later.</source>
        <translation>클라우드 서비스 사용 한도를 다 썼습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The request to the cloud service failed; try again.</source>
        <translation>클라우드 서비스 요청이 실패했습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The template or field list is not valid.</source>
        <translation>템플릿 또는 항목 목록이 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>The template was not found.</source>
        <translation>템플릿을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>The results database cannot be written (locked, full or read-only).</source>
        <translation>결과 데이터베이스에 쓸 수 없습니다(잠김, 공간 부족 또는 읽기 전용).</translation>
    </message>
    <message>
        <source>The results database is damaged.</source>
        <translation>결과 데이터베이스가 손상되었습니다.</translation>
    </message>
    <message>
        <source>The values to check are not valid.</source>
        <translation>확인할 값이 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>There is no sheet of that name.</source>
        <translation>그 이름의 시트가 없습니다.</translation>
    </message>
    <message>
        <source>The document is no longer in the sheet.</source>
        <translation>이 문서는 더 이상 시트에 없습니다.</translation>
    </message>
    <message>
        <source>This sheet holds another template; choose another sheet for these documents.</source>
        <translation>이 시트는 다른 템플릿용입니다. 이 문서들에는 다른 시트를 선택하세요.</translation>
    </message>
    <message>
        <source>The filter expression is not valid.</source>
        <translation>필터 식이 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>The space-ocr service sent an answer that cannot be read; try again.</source>
        <translation>space-ocr 서비스의 응답을 읽을 수 없습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The space-ocr service did not answer in time; try again.</source>
        <translation>space-ocr 서비스가 제시간에 응답하지 않았습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>A webhook delivery had a missing or wrong signature.</source>
        <translation>웹훅 전송에 서명이 없거나 서명이 잘못되었습니다.</translation>
    </message>
    <message>
        <source>The space-ocr service cannot be reached; check the connection.</source>
        <translation>space-ocr 서비스에 연결할 수 없습니다. 연결 상태를 확인하세요.</translation>
    </message>
    <message>
        <source>A setting is missing or wrong.</source>
        <translation>설정이 없거나 잘못되었습니다.</translation>
    </message>
    <message>
        <source>The space-ocr API key is not set: enter it in Tools ▸ Settings, or set SPACEOCR_API_KEY in the environment.</source>
        <translation>space-ocr API 키가 설정되지 않았습니다. 도구 ▸ 설정에서 입력하거나 환경 변수 SPACEOCR_API_KEY를 설정하세요.</translation>
    </message>
    <message>
        <source>The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set GOOGLE_API_KEY in the environment.</source>
        <translation>Google Cloud Vision 키가 설정되지 않았습니다. 도구 ▸ 설정에서 입력하거나 환경 변수 GOOGLE_API_KEY를 설정하세요.</translation>
    </message>
    <message>
        <source>The Anthropic API key is not set: enter it in Tools ▸ Settings, or set ANTHROPIC_API_KEY in the environment.</source>
        <translation>Anthropic API 키가 설정되지 않았습니다. 도구 ▸ 설정에서 입력하거나 환경 변수 ANTHROPIC_API_KEY를 설정하세요.</translation>
    </message>
    <message>
        <source>The space-ocr service refused the request.</source>
        <translation>space-ocr 서비스가 요청을 거부했습니다.</translation>
    </message>
    <message>
        <source>The space-ocr service refused the API key; check it in the settings.</source>
        <translation>space-ocr 서비스가 API 키를 거부했습니다. 설정에서 키를 확인하세요.</translation>
    </message>
    <message>
        <source>The space-ocr account has no credit left; top it up and try again.</source>
        <translation>space-ocr 계정의 잔액이 없습니다. 충전한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The space-ocr service is busy (too many requests); try again in a minute.</source>
        <translation>space-ocr 서비스가 혼잡합니다(요청이 너무 많음). 1분 뒤에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The space-ocr service had a problem on its side; try again later.</source>
        <translation>space-ocr 서비스 쪽에 문제가 생겼습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not accept this document.</source>
        <translation>{file}: space-ocr 서비스가 이 문서를 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>{file}: the space-ocr service could not read this document.</source>
        <translation>{file}: space-ocr 서비스가 이 문서를 읽지 못했습니다.</translation>
    </message>
    <message>
        <source>The space-ocr service took too long with this document; try again.</source>
        <translation>space-ocr 서비스가 이 문서를 처리하는 데 너무 오래 걸렸습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소했습니다.</translation>
    </message>
    <message>
        <source>{file}: cannot be saved there; the folder is missing, read-only or full.</source>
        <translation>{file}: 그곳에 저장할 수 없습니다. 폴더가 없거나 읽기 전용이거나 공간이 부족합니다.</translation>
    </message>
    <message>
        <source>An unexpected error happened; the details are in the log.</source>
        <translation>예기치 않은 오류가 발생했습니다. 자세한 내용은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>문서</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Batch: %p%</source>
        <extracomment>a job row was clicked or chosen with the keyboard</extracomment>
        <translation>전체: %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel the selected documents</source>
        <translation>선택한 문서 처리를 취소합니다</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>모두 취소</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>완료 항목 지우기</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Correct {field}</source>
        <extracomment>where a document lives in the store: (sheet, doc id) DocumentResult, with the clerk&apos;s corrections swapped in</extracomment>
        <translation>{field} 수정</translation>
    </message>
    <message>
        <source>Confirm {field}</source>
        <translation>{field} 확인</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>Nothing left to review.</source>
        <extracomment>the documents under review, by store key (made on first use) the store key of each job whose result is saved</extracomment>
        <translation>검토할 값이 더 없습니다.</translation>
    </message>
    <message>
        <source>This document is still being saved; try again in a moment.</source>
        <translation>이 문서는 아직 저장 중입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>ReviewReason</name>
    <message>
        <source>the value was not found on the page</source>
        <translation>페이지에서 값을 찾지 못했습니다</translation>
    </message>
    <message>
        <source>the value appears more than once</source>
        <translation>같은 값이 여러 곳에 있습니다</translation>
    </message>
    <message>
        <source>only part of the value was found</source>
        <translation>값의 일부만 찾았습니다</translation>
    </message>
    <message>
        <source>a consistency check failed</source>
        <translation>일관성 검사에 실패했습니다</translation>
    </message>
    <message>
        <source>the OCR was unsure</source>
        <translation>OCR 인식이 불확실합니다</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>UI languages offered: code -&gt; the language&apos;s own name (shown as is, never translated) the settings and the keys&apos; status are shown the Settings written a checked fields JSON became the default template a template was written as a fields JSON</extracomment>
        <translation>설정</translation>
    </message>
    <message>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>Offline (on this computer)</source>
        <translation>오프라인(이 컴퓨터에서 처리)</translation>
    </message>
    <message>
        <source>Cloud (Google Vision and Claude, your keys)</source>
        <translation>클라우드(Google Vision과 Claude, 본인 키 사용)</translation>
    </message>
    <message>
        <source>Hosted (the space-ocr service)</source>
        <translation>space-ocr 서비스</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>모드:</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>시스템 설정과 같게</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Render pages at:</source>
        <translation>페이지 렌더링 해상도:</translation>
    </message>
    <message>
        <source>the default place in your user folder</source>
        <translation>사용자 폴더의 기본 위치</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Results database:</source>
        <translation>결과 데이터베이스:</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 키</translation>
    </message>
    <message>
        <source>Google Cloud Vision key:</source>
        <translation>Google Cloud Vision 키:</translation>
    </message>
    <message>
        <source>Anthropic (Claude) key:</source>
        <translation>Anthropic(Claude) 키:</translation>
    </message>
    <message>
        <source>space-ocr key:</source>
        <translation>space-ocr 키:</translation>
    </message>
    <message>
        <source>reading the keyring…</source>
        <translation>키링을 읽는 중…</translation>
    </message>
    <message>
        <source>Keys are kept in the system&apos;s keyring, never in the settings file. Leave a field empty to keep the key it has.</source>
        <translation>키는 시스템 키링에 보관되며 설정 파일에는 절대 저장되지 않습니다. 지금 키를 그대로 쓰려면 칸을 비워 두세요.</translation>
    </message>
    <message>
        <source>This system has no keyring to keep keys in, so they cannot be saved here. Set them as environment variables before starting spaceocr instead: GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY.</source>
        <translation>이 시스템에는 키를 보관할 키링이 없어 여기서 키를 저장할 수 없습니다. 대신 spaceocr를 시작하기 전에 환경 변수 GOOGLE_API_KEY, ANTHROPIC_API_KEY, SPACEOCR_API_KEY를 설정하세요.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>설정 안 됨</translation>
    </message>
    <message>
        <source>set by the environment variable {var}: {masked}</source>
        <translation>환경 변수 {var}로 설정됨: {masked}</translation>
    </message>
    <message>
        <source>saved in the keyring: {masked}</source>
        <translation>키링에 저장됨: {masked}</translation>
    </message>
    <message>
        <source>Templates and field lists</source>
        <translation>템플릿과 항목 목록</translation>
    </message>
    <message>
        <source>Default template:</source>
        <translation>기본 템플릿:</translation>
    </message>
    <message>
        <source>Load Field List…</source>
        <translation>항목 목록 불러오기…</translation>
    </message>
    <message>
        <source>Save as Field List…</source>
        <translation>항목 목록으로 저장…</translation>
    </message>
    <message>
        <source>Save the chosen template as a fields JSON to edit</source>
        <translation>선택한 템플릿을 편집할 수 있는 항목 JSON으로 저장합니다</translation>
    </message>
    <message>
        <source>Reading the settings and the keyring…</source>
        <translation>설정과 키링을 읽는 중입니다…</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>결과 데이터베이스</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.db)</source>
        <translation>SQLite 데이터베이스 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Load a field list</source>
        <translation>항목 목록 불러오기</translation>
    </message>
    <message>
        <source>Field lists (*.json)</source>
        <translation>항목 목록 (*.json)</translation>
    </message>
    <message>
        <source>Field list</source>
        <translation>항목 목록</translation>
    </message>
    <message>
        <source>Save a field list</source>
        <translation>항목 목록 저장</translation>
    </message>
    <message>
        <source>Saving the settings and the keys…</source>
        <translation>설정과 키를 저장하는 중입니다…</translation>
    </message>
    <message>
        <source>The new settings take effect the next time spaceocr starts.</source>
        <translation>새 설정은 다음에 spaceocr를 시작할 때 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>바로 가기 키</translation>
    </message>
    <message>
        <source>Reviewing without the mouse</source>
        <translation>마우스 없이 검토하기</translation>
    </message>
    <message>
        <source>Values to review have dashed orange boxes; confirmed ones are teal and corrected ones purple.</source>
        <translation>검토할 값은 주황색 점선 상자, 확인한 값은 청록색, 수정한 값은 보라색으로 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>F8 or Ctrl+J</source>
        <translation>F8 또는 Ctrl+J</translation>
    </message>
    <message>
        <source>Next value to review (then the next document)</source>
        <translation>다음 검토할 값(없으면 다음 문서)</translation>
    </message>
    <message>
        <source>Shift+F8 or Ctrl+Shift+J</source>
        <translation>Shift+F8 또는 Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Previous value to review</source>
        <translation>이전 검토할 값</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Confirm the value and go on to the next one</source>
        <translation>값을 확인하고 다음 값으로 이동</translation>
    </message>
    <message>
        <source>F2, or start typing</source>
        <translation>F2 또는 바로 입력</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>값 수정</translation>
    </message>
    <message>
        <source>Enter (while editing)</source>
        <translation>Enter(편집 중)</translation>
    </message>
    <message>
        <source>Save the correction; its box is found again</source>
        <translation>수정을 저장하고 페이지에서 위치를 다시 찾기</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>편집 취소</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous value</source>
        <translation>다음 / 이전 값</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo / redo the last edits</source>
        <translation>최근 편집 실행 취소 / 다시 실행</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2</source>
        <translation>Ctrl+1 / Ctrl+2</translation>
    </message>
    <message>
        <source>Fit the page&apos;s width / the whole page</source>
        <translation>페이지 너비에 맞춤 / 페이지 전체 보기</translation>
    </message>
    <message>
        <source>+ / -</source>
        <translation>+ / -</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>확대 / 축소</translation>
    </message>
    <message>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>이전 / 다음 페이지</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open documents</source>
        <translation>문서 열기</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>이 목록 보기</translation>
    </message>
</context>
<context>
    <name>StoredDocumentsModel</name>
    <message>
        <source>Document</source>
        <extracomment>job id job id, sheet, doc id (the result is in the store) the exception (a StoreError, usually) sheet names sheet, [DocumentSummary] DocumentResult, source path path sheet, doc id, values still to review (an edit)</extracomment>
        <translation>문서</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가 시각</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Files…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Load &amp;Field List…</source>
        <translation>항목 목록 불러오기(&amp;F)…</translation>
    </message>
    <message>
        <source>Export Current &amp;Document</source>
        <translation>현재 문서 내보내기(&amp;D)</translation>
    </message>
    <message>
        <source>Export &amp;Selected Documents</source>
        <translation>선택한 문서 내보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Export S&amp;heet</source>
        <translation>시트 내보내기(&amp;H)</translation>
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
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>너비에 맞춤(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>페이지에 맞춤(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>이전 페이지(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>다음 페이지(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>검토(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Value to Review</source>
        <translation>다음 검토할 값(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Value to Review</source>
        <translation>이전 검토할 값(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Confirm Value</source>
        <translation>값 확인(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;orrect Value</source>
        <translation>값 수정(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>일괄 처리(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel Selected</source>
        <translation>선택 항목 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>모두 취소(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>완료된 항목 지우기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>바로 가기 키(&amp;K)</translation>
    </message>
</context>
</TS>
