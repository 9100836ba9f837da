<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/ui/actions.py" line="+13" />
        <source>新規シート</source>
        <translation>New Sheet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>シートを複製</source>
        <translation>Duplicate Sheet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>シートを削除…</source>
        <translation>Delete Sheet…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>今すぐ保存</source>
        <translation>Save Now</translation>
    </message>
    <message>
        <location line="+1" />
        <source>データベースを開く…</source>
        <translation>Open Database…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>新しいデータベース…</source>
        <translation>New Database…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>資料を追加…</source>
        <translation>Add Document…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>サンプルデータを作り直す</source>
        <translation>Rebuild Sample Data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>ウィンドウを閉じる</source>
        <translation>Close Window</translation>
    </message>
    <message>
        <location line="+1" />
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2" />
        <source>元に戻す</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+3" />
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+3" />
        <source>資料を検索</source>
        <translation>Search Documents</translation>
    </message>
    <message>
        <location line="+1" />
        <source>この年度の全シートを検査</source>
        <translation>Check All Sheets of This Year</translation>
    </message>
    <message>
        <location line="+2" />
        <source>資料パネル</source>
        <translation>Sources Panel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>検査パネル</source>
        <translation>Checks Panel</translation>
    </message>
    <message>
        <location line="+9" />
        <source>使い方</source>
        <translation>How to Use</translation>
    </message>
    <message>
        <location line="+1" />
        <source>施策デスクについて</source>
        <translation>About Sesaku Desk</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="+125" />
        <source>サンプルデータを作成しています</source>
        <translation>Creating sample data</translation>
    </message>
    <message>
        <location line="+2" />
        <source>サンプルデータを作成できませんでした</source>
        <translation>Could not create the sample data</translation>
    </message>
    <message>
        <location line="+9" />
        <source>サンプルのシートを {0} 件作成しました。</source>
        <translation>Created {0} sample sheets.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>サンプルデータ</source>
        <translation>Sample Data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>サンプルのシートを作り直しますか？サンプルに加えた変更は失われます（他のシートはそのままです）。</source>
        <translation>Rebuild the sample sheets? Changes made to the samples will be lost (other sheets stay as they are).</translation>
    </message>
    <message>
        <location line="+12" />
        <source>データベースを開けません</source>
        <translation>Cannot Open the Database</translation>
    </message>
    <message>
        <location line="+17" />
        <source>資料ライブラリを準備しています</source>
        <translation>Preparing the reference library</translation>
    </message>
    <message>
        <location line="+3" />
        <source>資料ライブラリを準備できませんでした: {0}</source>
        <translation>Could not prepare the reference library: {0}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>データベースを開く</source>
        <translation>Open Database</translation>
    </message>
    <message>
        <location line="+1" />
        <source>施策デスクのデータベース ({0});;すべてのファイル (*)</source>
        <translation>Sesaku Desk databases ({0});;All files (*)</translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+4" />
        <source>新しいデータベース</source>
        <translation>New Database</translation>
    </message>
    <message>
        <location line="-3" />
        <source>施策デスクのデータベース ({0})</source>
        <translation>Sesaku Desk databases ({0})</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{0} は既にあります。開くには「データベースを開く」を使ってください。</source>
        <translation>{0} already exists. Use "Open Database" to open it.</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+58" />
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-42" />
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1" />
        <source>表示言語は次回の起動から切り替わります。</source>
        <translation>The language changes the next time Sesaku Desk starts.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+2" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>未保存の変更あり</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+0" />
        <source>保存済み</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location line="+4" />
        <source>施策デスク</source>
        <translation>Sesaku Desk</translation>
    </message>
    <message>
        <location line="+3" />
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>データベースなし</source>
        <translation>No database</translation>
    </message>
    <message>
        <location line="+12" />
        <source>保存されていない変更</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>保存できなかった変更があります（{0} 件のシート）。変更を破棄して閉じますか？</source>
        <translation>Some changes could not be saved ({0} sheets). Discard them and close?</translation>
    </message>
</context>
<context>
    <name>AutoSaver</name>
    <message>
        <location filename="../../desktop/ui/autosave.py" line="+75" />
        <source>保存しています</source>
        <translation>Saving</translation>
    </message>
    <message>
        <location line="+3" />
        <source>保存が中断されました。</source>
        <translation>The save was interrupted.</translation>
    </message>
</context>
<context>
    <name>ClassificationEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/choices.py" line="+24" />
        <source>（選択してください）</source>
        <translation>(choose one)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/first_run.py" line="+14" />
        <source>施策デスクへようこそ</source>
        <translation>Welcome to Sesaku Desk</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&lt;p&gt;データベースを作成しました:&lt;br/&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;参考資料（戦略文書など）を資料ライブラリに読み込んでいます。&lt;/p&gt;&lt;p&gt;操作を試すためのサンプルの施策シートを開きますか？サンプルは「サンプル」と表示され、いつでも作り直せます。&lt;/p&gt;</source>
        <translation>&lt;p&gt;A database was created:&lt;br/&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;The reference documents (strategy papers and others) are being loaded into the library.&lt;/p&gt;&lt;p&gt;Open sample measure sheets to try things out? Samples are marked "sample" and can be rebuilt at any time.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6" />
        <source>サンプルデータを開く</source>
        <translation>Open Sample Data</translation>
    </message>
    <message>
        <location line="+1" />
        <source>空のデータベースで始める</source>
        <translation>Start with an Empty Database</translation>
    </message>
</context>
<context>
    <name>HeaderEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/header.py" line="+24" />
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0" />
        <source>担当部局・課室</source>
        <translation>Bureau / Division</translation>
    </message>
    <message>
        <location line="+1" />
        <source>担当者</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <location line="+0" />
        <source>連絡先</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1" />
        <source>例: 総務省</source>
        <translation>e.g. 総務省</translation>
    </message>
    <message>
        <location line="+0" />
        <source>例: 国際戦略局 技術政策課</source>
        <translation>e.g. 国際戦略局 技術政策課</translation>
    </message>
    <message>
        <location line="+1" />
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0" />
        <source>電話番号・メールアドレス</source>
        <translation>Phone / e-mail</translation>
    </message>
    <message>
        <location line="+4" />
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+20" />
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+24" />
        <source>変更できる状態: {0}</source>
        <translation>Can change to: {0}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/help.py" line="+14" />
        <source>使い方</source>
        <translation>How to Use</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&lt;h2&gt;施策デスクの使い方&lt;/h2&gt;&lt;h3&gt;1. シートを選ぶ・作る&lt;/h3&gt;&lt;p&gt;左の一覧で年度・府省庁・施策分類・状態を選んで絞り込み、検索欄でシートの本文を探せます。「新規」（Ctrl+N）で新しいシートを作成し、「複製」で選んでいるシートを下書きとして複製します。「削除」したシートは「編集 &amp;gt; 元に戻す」（Ctrl+Z）で戻せます。&lt;/p&gt;&lt;h3&gt;2. 記入する&lt;/h3&gt;&lt;p&gt;中央のエディタには調査票の項目が順に並び、各項目に必須・任意の区別と記載内容の説明が表示されます。施策分類はポイントごとに分かれた一覧から選び、戦略領域・重要領域は当てはまるものをすべてチェックします。「実施項目・KPI」では実施項目ごとにKPI（指標名・単位・基準値・目標値・当年度実績）を入力します。KPIが未設定の場合は「今後の検討予定」を記載してください。数値でない値は赤枠で示されます（該当なしは「-」）。&lt;/p&gt;&lt;h3&gt;3. 保存は自動です&lt;/h3&gt;&lt;p&gt;入力をやめて少しすると自動的に保存されます。シートを切り替えたときと終了するときにも保存します。今すぐ保存するには Ctrl+S。タイトルバーとステータスバーに保存状態が表示されます。元に戻す（Ctrl+Z）・やり直し（Ctrl+Shift+Z / Ctrl+Y）は項目やシートをまたいで使えます。&lt;/p&gt;&lt;h3&gt;4. 資料を引用する&lt;/h3&gt;&lt;p&gt;右の資料パネルで資料を検索し（Ctrl+F）、結果を選ぶと前後の文脈とともに表示されます。引用したい欄にカーソルを置いてから、必要なら資料の一部を選択して「引用」を押すと、カーソル位置に引用文と番号付きの引用マークが入り、欄の下に出典が一覧されます。引用マークや出典をクリックすると、引用元の段落が強調表示されます。「KPI候補」タブでは資料中の数値目標を選び、「KPIにする」で出典付きのKPIとして追加できます。資料は「資料を追加…」またはファイルをパネルにドロップして追加できます。&lt;/p&gt;&lt;h3&gt;5. 検査と提出&lt;/h3&gt;&lt;p&gt;下の検査パネルに、入力中のシートのエラーと警告が表示されます。クリックすると該当箇所に移動します。「この年度の全シートを検査」で同じ年度のシートをまとめて検査できます。エラーが残っている間は状態を「提出済」にできません。&lt;/p&gt;&lt;h3&gt;6. データベース&lt;/h3&gt;&lt;p&gt;「ファイル &amp;gt; データベースを開く」で別のデータベースを開けます。共有フォルダ上のファイルは複数人で同時に使うと壊れることがあるため、共有にはサーバー（PostgreSQL）を使ってください。&lt;/p&gt;</source>
        <translation>&lt;h2&gt;How to use Sesaku Desk&lt;/h2&gt;&lt;h3&gt;1. Find or create a sheet&lt;/h3&gt;&lt;p&gt;Filter the list on the left by fiscal year, ministry, classification and status, and search the sheets' text in the search box. "New" (Ctrl+N) creates a sheet and "Duplicate" copies the selected one as a draft. A deleted sheet comes back with Edit &amp;gt; Undo (Ctrl+Z).&lt;/p&gt;&lt;h3&gt;2. Fill it in&lt;/h3&gt;&lt;p&gt;The editor in the middle shows the survey's fields in order, each with its required/optional badge and the guidance of the format. Pick the classification from the list grouped by point and check every area the measure works on. Under 「実施項目・KPI」 enter the items and their KPIs (indicator, unit, baseline, target, this year's actual). Where no KPI is set yet, write the planned consideration. Values that are not numbers are outlined in red ("-" means not applicable).&lt;/p&gt;&lt;h3&gt;3. Saving is automatic&lt;/h3&gt;&lt;p&gt;Your work is saved shortly after you stop typing, when you switch sheets and when you close the window. Ctrl+S saves at once. The title bar and the status bar show whether everything is saved. Undo (Ctrl+Z) and redo (Ctrl+Shift+Z / Ctrl+Y) work across fields and sheets.&lt;/p&gt;&lt;h3&gt;4. Cite sources&lt;/h3&gt;&lt;p&gt;Search the documents in the panel on the right (Ctrl+F); choosing a result shows the passage in its context. Put the cursor where the citation goes, select part of the passage if you like, and press "Cite": the quote and a numbered marker are inserted and the source is listed under the field. Clicking a marker or a listed source shows the cited passage highlighted. On the "KPI candidates" tab, "Make KPI" adds a numeric target from a document as a KPI with its source. Add documents with "Add Document…" or by dropping files on the panel.&lt;/p&gt;&lt;h3&gt;5. Check and submit&lt;/h3&gt;&lt;p&gt;The checks panel at the bottom lists the errors and warnings of the sheet you are editing; click one to go to the field. "Check All Sheets of This Year" checks every sheet of the year. A sheet cannot be set to 提出済 (submitted) while errors remain.&lt;/p&gt;&lt;h3&gt;6. Databases&lt;/h3&gt;&lt;p&gt;File &amp;gt; Open Database opens another database. Files on shared network folders can be damaged when several people use them at once; use a server (PostgreSQL) for shared work.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+32" />
        <source>施策デスクについて</source>
        <translation>About Sesaku Desk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>施策デスク {0}
フォローアップ調査票（施策シート）の作成・管理</source>
        <translation>Sesaku Desk {0}
Writing and managing follow-up survey measure sheets</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../../desktop/ui/kpi_editor.py" line="+257" />
        <source>&lt;b&gt;実施項目 {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Item {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2" />
        <source>実施項目の名称</source>
        <translation>Name of the item</translation>
    </message>
    <message>
        <location line="+4" />
        <source>実施項目を上へ</source>
        <translation>Move item up</translation>
    </message>
    <message>
        <location line="+1" />
        <source>実施項目を下へ</source>
        <translation>Move item down</translation>
    </message>
    <message>
        <location line="+1" />
        <source>実施項目を削除</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location line="+15" />
        <source>＋ KPIを追加</source>
        <translation>+ Add KPI</translation>
    </message>
    <message>
        <location line="+0" />
        <source>この実施項目にKPIを追加</source>
        <translation>Add a KPI to this item</translation>
    </message>
    <message>
        <location line="+4" />
        <source>今後の検討予定（KPI未設定の場合に記載）</source>
        <translation>Planned consideration (when no KPI is set yet)</translation>
    </message>
</context>
<context>
    <name>KpiEditor</name>
    <message>
        <location line="+70" />
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>＋ 実施項目を追加</source>
        <translation>+ Add item</translation>
    </message>
</context>
<context>
    <name>KpiRow</name>
    <message>
        <location line="-243" />
        <source>定量</source>
        <translation>Quantitative</translation>
    </message>
    <message>
        <location line="+1" />
        <source>数値で測るKPI（基準値・目標値・実績値を数値で入力）</source>
        <translation>A KPI measured in numbers (baseline, target and actuals are numbers)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>KPIを上へ</source>
        <translation>Move KPI up</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KPIを下へ</source>
        <translation>Move KPI down</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KPIを削除</source>
        <translation>Remove KPI</translation>
    </message>
    <message>
        <location line="+8" />
        <source>指標名</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+1" />
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location line="+1" />
        <source>基準年度</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <location line="+1" />
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1" />
        <source>目標年度</source>
        <translation>Target year</translation>
    </message>
    <message>
        <location line="+44" />
        <source>当年度実績（{0}）</source>
        <translation>Actual ({0})</translation>
    </message>
    <message>
        <location line="+1" />
        <source>前年度実績（{0}）</source>
        <translation>Last year ({0})</translation>
    </message>
    <message>
        <location line="-34" />
        <source>前年度の実績（参照のみ）</source>
        <translation>Last year's actual (read only)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>出典・データ</source>
        <translation>Source / data</translation>
    </message>
    <message>
        <location line="+60" />
        <source>数値を入力してください（該当なしは「-」）</source>
        <translation>Enter a number ("-" for not applicable)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="+56" />
        <source>資料</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+4" />
        <source>検査</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location line="+19" />
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+7" />
        <source>最近使ったデータベース</source>
        <translation>Recent Databases</translation>
    </message>
    <message>
        <location line="+9" />
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+8" />
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+11" />
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+4" />
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../desktop/ui/editor/section.py" line="+37" />
        <source>必須</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0" />
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+31" />
        <source>{0} / {1} 文字</source>
        <translation>{0} / {1} characters</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{0} 文字</source>
        <translation>{0} characters</translation>
    </message>
</context>
<context>
    <name>SheetEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/sheet_editor.py" line="+42" />
        <source>左の一覧からシートを選ぶか、「新規」でシートを作成してください。</source>
        <translation>Choose a sheet in the list on the left, or create one with "New".</translation>
    </message>
    <message>
        <location line="+27" />
        <source>担当・状態</source>
        <translation>Responsibility and status</translation>
    </message>
    <message>
        <location line="+12" />
        <source>この施策が取り組む領域をすべて選択</source>
        <translation>Check every area this measure works on</translation>
    </message>
    <message>
        <location line="+76" />
        <source>各KPIの当年度実績は「{0}」欄で入力します。</source>
        <translation>Each KPI's actual for this year is entered in the 「{0}」 section.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>（指標名なし）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>未入力</source>
        <translation>not entered</translation>
    </message>
    <message>
        <location line="+15" />
        <source>非公開の指定（{0} 件）</source>
        <translation>Marked non-public ({0})</translation>
    </message>
    <message>
        <location line="+5" />
        <source>「{0}」全体</source>
        <translation>all of 「{0}」</translation>
    </message>
    <message>
        <location line="+3" />
        <source>「{0}」の「{1}」</source>
        <translation>「{1}」 in 「{0}」</translation>
    </message>
    <message>
        <location line="+1" />
        <source>・{0} — 理由: {1}</source>
        <translation>・{0} — reason: {1}</translation>
    </message>
    <message>
        <location line="+0" />
        <source>（未記載）</source>
        <translation>(none given)</translation>
    </message>
    <message>
        <location line="+20" />
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0" />
        <source>担当部局・課室</source>
        <translation>Bureau / Division</translation>
    </message>
    <message>
        <location line="+0" />
        <source>担当者</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <location line="+1" />
        <source>連絡先</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+0" />
        <source>状態</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SheetListModel</name>
    <message>
        <location filename="../../desktop/ui/sheet_list_model.py" line="+131" />
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+2" />
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+3" />
        <source>分類</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+4" />
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2" />
        <source>更新日時</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+1" />
        <source>問題</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location line="+27" />
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{0}（サンプル）</source>
        <translation>{0} (sample)</translation>
    </message>
    <message>
        <location line="+20" />
        <source>エラー {0} 件、警告 {1} 件</source>
        <translation>{0} errors, {1} warnings</translation>
    </message>
    <message>
        <location line="+4" />
        <source>エラー {0}</source>
        <translation>{0} errors</translation>
    </message>
    <message>
        <location line="+1" />
        <source>警告 {0}</source>
        <translation>{0} warnings</translation>
    </message>
</context>
<context>
    <name>SheetListView</name>
    <message>
        <location filename="../../desktop/ui/sheet_list_view.py" line="+73" />
        <source>すべての分類</source>
        <translation>All classifications</translation>
    </message>
    <message>
        <location line="+2" />
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+4" />
        <source>シートの本文を検索</source>
        <translation>Search the sheets' text</translation>
    </message>
    <message>
        <location line="+31" />
        <source>新規</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+2" />
        <source>複製</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location line="+2" />
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+32" />
        <source>すべての年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+5" />
        <source>すべての府省庁</source>
        <translation>All ministries</translation>
    </message>
    <message>
        <location line="+35" />
        <source>{0} 件</source>
        <translation>{0} sheets</translation>
    </message>
</context>
<context>
    <name>SheetWorkspace</name>
    <message>
        <location filename="../../desktop/ui/workspace.py" line="+147" />
        <source>シートが見つかりません（削除された可能性があります）。</source>
        <translation>The sheet was not found (it may have been deleted).</translation>
    </message>
    <message>
        <location line="+24" />
        <source>「{0}」の変更</source>
        <translation>Change of 「{0}」</translation>
    </message>
    <message>
        <location line="+18" />
        <source>状態を「{0}」に変更</source>
        <translation>Status set to 「{0}」</translation>
    </message>
    <message>
        <location line="+1" />
        <source>「{0}」にしました。</source>
        <translation>Set to 「{0}」.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>保存できませんでした</source>
        <translation>Could Not Save</translation>
    </message>
    <message>
        <location line="+1" />
        <source>「{0}」を保存できませんでした。

{1}</source>
        <translation>「{0}」 could not be saved.

{1}</translation>
    </message>
    <message>
        <location line="-12" />
        <location line="+137" />
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="-134" />
        <source>他で更新されたシート</source>
        <translation>Sheet Changed Elsewhere</translation>
    </message>
    <message>
        <location line="+1" />
        <source>「{0}」は別の画面または別の人が先に保存しました。

最新の内容を読み込みますか？（この画面での未保存の変更は失われます。「いいえ」を選ぶと変更は画面に残り、保存はされません。）</source>
        <translation>「{0}」 was saved first by another window or another person.

Load the latest version? (Unsaved changes in this window are lost. With "No" the changes stay on screen but are not saved.)</translation>
    </message>
    <message>
        <location line="+53" />
        <source>問題を数えています</source>
        <translation>Counting problems</translation>
    </message>
    <message>
        <location line="+24" />
        <source>{0}の全シートを検査しています…</source>
        <translation>Checking all sheets of {0}…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{0}の全シートを検査</source>
        <translation>Check all sheets of {0}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>中止しました。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>検査できませんでした: {0}</source>
        <translation>Could not check: {0}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>新しいシートを作成しています</source>
        <translation>Creating a new sheet</translation>
    </message>
    <message>
        <location line="+6" />
        <source>（コピー）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>シートを複製しています</source>
        <translation>Duplicating the sheet</translation>
    </message>
    <message>
        <location line="+6" />
        <source>シートを作成できませんでした</source>
        <translation>Could Not Create the Sheet</translation>
    </message>
    <message>
        <location line="+7" />
        <source>新しいシートを作成しました。</source>
        <translation>Created a new sheet.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>シートの削除</source>
        <translation>Delete Sheet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>「{0}」を削除しますか？
削除は記録され、「編集 &gt; 元に戻す」で取り消せます。</source>
        <translation>Delete 「{0}」?
The deletion is recorded and can be taken back with Edit &gt; Undo.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>「{0}」の削除</source>
        <translation>Deletion of 「{0}」</translation>
    </message>
    <message>
        <location line="+10" />
        <source>削除しています</source>
        <translation>Deleting</translation>
    </message>
    <message>
        <location line="+0" />
        <source>元に戻しています</source>
        <translation>Restoring</translation>
    </message>
    <message>
        <location line="+2" />
        <source>削除できませんでした</source>
        <translation>Could Not Delete</translation>
    </message>
    <message>
        <location line="+7" />
        <source>シートを削除しました（元に戻すには Ctrl+Z）。</source>
        <translation>Sheet deleted (Ctrl+Z to undo).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>削除を取り消しました。</source>
        <translation>Deletion undone.</translation>
    </message>
</context>
<context>
    <name>SourceController</name>
    <message>
        <location filename="../../desktop/ui/source_controller.py" line="+64" />
        <source>資料の一覧を読み込んでいます</source>
        <translation>Loading the list of documents</translation>
    </message>
    <message>
        <location line="+10" />
        <source>資料を検索しています</source>
        <translation>Searching the documents</translation>
    </message>
    <message>
        <location line="+2" />
        <source>検索できませんでした: {0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>引用元の段落が見つかりません（資料が削除された可能性があります）。</source>
        <translation>The cited passage was not found (the document may have been removed).</translation>
    </message>
    <message>
        <location line="+11" />
        <source>この引用には資料の段落がありません: {0}</source>
        <translation>This citation has no passage in the library: {0}</translation>
    </message>
    <message>
        <location line="+10" />
        <source>引用先のシートを開いてください。</source>
        <translation>Open the sheet to cite into.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>引用</source>
        <translation>Cite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>引用を入れる欄をクリックしてカーソルを置いてから、「引用」を押してください。</source>
        <translation>Click into the field where the citation goes, then press "Cite".</translation>
    </message>
    <message>
        <location line="+5" />
        <source>引用を挿入しました: {0}</source>
        <translation>Citation inserted: {0}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>KPI候補を探しています</source>
        <translation>Looking for KPI candidates</translation>
    </message>
    <message>
        <location line="+8" />
        <source>KPIを追加するシートを開いてください。</source>
        <translation>Open the sheet to add the KPI to.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>KPI候補からKPIを追加</source>
        <translation>Add KPI from candidate</translation>
    </message>
    <message>
        <location line="+13" />
        <source>KPI「{0}」を追加しました。</source>
        <translation>Added KPI 「{0}」.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>資料を追加しています</source>
        <translation>Adding documents</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+9" />
        <source>資料を追加できませんでした</source>
        <translation>Could Not Add the Document</translation>
    </message>
    <message>
        <location line="-2" />
        <source>資料を {0} 件追加しました。</source>
        <translation>Added {0} documents.</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="+62" />
        <source>資料を検索（例: 国際標準 人材）</source>
        <translation>Search the documents (e.g. 国際標準 人材)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>語を入力して資料ライブラリを検索します（複数の語はすべてを含む段落）。</source>
        <translation>Type words to search the reference library (several words: passages with all of them).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>検索結果を選ぶと、ここに段落が表示されます。</source>
        <translation>Choose a search result to read its passage here.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>引用</source>
        <translation>Cite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>選択した部分（選択がなければ段落全体）を、最後に入力していた欄のカーソル位置に引用します</source>
        <translation>Cites the selected text (or the whole passage) at the cursor of the field you last typed in</translation>
    </message>
    <message>
        <location line="+4" />
        <source>資料を追加…</source>
        <translation>Add Document…</translation>
    </message>
    <message>
        <location line="+24" />
        <location line="+188" />
        <source>すべての資料</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location line="-182" />
        <source>KPIにする</source>
        <translation>Make KPI</translation>
    </message>
    <message>
        <location line="+1" />
        <source>選んだ候補を、選択中の実施項目のKPIとして出典付きで追加します</source>
        <translation>Adds the chosen candidate, with its source, as a KPI of the current item</translation>
    </message>
    <message>
        <location line="+11" />
        <source>検索・引用</source>
        <translation>Search and cite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KPI候補</source>
        <translation>KPI candidates</translation>
    </message>
    <message>
        <location line="+6" />
        <source>資料ファイルをここにドロップして追加できます。</source>
        <translation>Drop document files here to add them.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>検索しています…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>「{0}」: {1} 件</source>
        <translation>「{0}」: {1} passages</translation>
    </message>
    <message>
        <location line="+1" />
        <source>「{0}」に一致する箇所はありません。</source>
        <translation>Nothing matches 「{0}」.</translation>
    </message>
    <message>
        <location line="+146" />
        <source>{0}：{1}（{2}年）
{3}</source>
        <translation>{0}: {1} (by {2})
{3}</translation>
    </message>
    <message>
        <location line="+6" />
        <source>KPIになりそうな数値目標は見つかりませんでした。</source>
        <translation>No numeric targets that could become KPIs were found.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>資料を追加</source>
        <translation>Add Document</translation>
    </message>
    <message>
        <location line="+0" />
        <source>資料 ({0});;すべてのファイル (*)</source>
        <translation>Documents ({0});;All files (*)</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../desktop/ui/task_status.py" line="+18" />
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+36" />
        <source> ほか {0} 件</source>
        <translation> and {0} more</translation>
    </message>
</context>
<context>
    <name>TextFieldEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/text_field.py" line="+216" />
        <source>引用（クリックで出典を表示）</source>
        <translation>Citation (click to show the source)</translation>
    </message>
    <message>
        <location line="+42" />
        <source>出典不明</source>
        <translation>Unknown source</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../desktop/ui/validation_panel.py" line="+44" />
        <location line="+7" />
        <source>重要度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="-7" />
        <location line="+7" />
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+4" />
        <source>この年度の全シートを検査</source>
        <translation>Check All Sheets of This Year</translation>
    </message>
    <message>
        <location line="+18" />
        <source>このシート</source>
        <translation>This sheet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>年度の全シート</source>
        <translation>All sheets of the year</translation>
    </message>
    <message>
        <location line="+11" />
        <source>シートが選ばれていません。</source>
        <translation>No sheet is selected.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>問題はありません。</source>
        <translation>No problems.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>エラー {0} 件、警告 {1} 件（クリックで該当箇所へ移動）</source>
        <translation>{0} errors, {1} warnings (click one to go to the field)</translation>
    </message>
    <message>
        <location line="+24" />
        <source>{0}: {1} 件中 {2} 件に問題（エラー {3} 件）</source>
        <translation>{0}: {2} of {1} sheets have problems ({3} errors)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>エラー {0}</source>
        <translation>{0} errors</translation>
    </message>
    <message>
        <location line="+3" />
        <source>警告 {0}</source>
        <translation>{0} warnings</translation>
    </message>
    <message>
        <location line="+2" />
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>run</name>
    <message>
        <location filename="../../desktop/ui/run.py" line="+20" />
        <source>施策デスク</source>
        <translation>Sesaku Desk</translation>
    </message>
</context>
</TS>