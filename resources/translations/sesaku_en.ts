<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/ui/actions.py" line="+13"/>
        <source>新規シート</source>
        <translation>New Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>シートを複製</source>
        <translation>Duplicate Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>シートを削除…</source>
        <translation>Delete Sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ごみ箱…</source>
        <translation>Trash…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今すぐ保存</source>
        <translation>Save Now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>データベースを開く…</source>
        <translation>Open Database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新しいデータベース…</source>
        <translation>New Database…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>提出・差戻しファイルを出力…</source>
        <translation>Export Submission or Return File…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出・差戻しファイルを取り込む…</source>
        <translation>Import Submission or Return File…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料を追加…</source>
        <translation>Add Document…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>サンプルデータを作り直す</source>
        <translation>Rebuild Sample Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ウィンドウを閉じる</source>
        <translation>Close Window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>終了</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>元に戻す</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>やり直し</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>シート内を検索…</source>
        <translation>Find in Sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料を検索</source>
        <translation>Search Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>この年度の全シートを検査</source>
        <translation>Check All Sheets of This Year</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>調査票の定義を取り込む…</source>
        <translation>Import Survey Definition…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>調査票の定義を書き出す…</source>
        <translation>Export Survey Definition…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>調査票を切り替える…</source>
        <translation>Switch Survey…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>他府省の公開シート…</source>
        <translation>Other ministries&apos; public sheets…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料パネル</source>
        <translation>Sources Panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>検査パネル</source>
        <translation>Checks Panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>府省庁として操作</source>
        <translation>Act as a ministry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事務局として操作</source>
        <translation>Act as the secretariat</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>使い方</source>
        <translation>How to Use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>バージョン情報(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>変更履歴…</source>
        <translation>History…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次年度の調査票を作成…</source>
        <translation>Create Next Year&apos;s Survey…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事務局集計…</source>
        <translation>Secretariat Overview…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非公開にする…</source>
        <translation>Mark as Non-Public…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非公開指定の確認…</source>
        <translation>Review Non-Public Parts…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>報告書を出力…</source>
        <translation>Export Report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>調査票を取り込む…</source>
        <translation>Import Survey Forms…</translation>
    </message>
</context>
<context>
    <name>AnnualController</name>
    <message>
        <location filename="../../desktop/ui/annual.py" line="+60"/>
        <location line="+35"/>
        <source>次年度の調査票を作成</source>
        <translation>Create Next Year&apos;s Survey</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>施策シートがありません。先に施策シートを作成してください。</source>
        <translation>There are no measure sheets. Create measure sheets first.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0}の施策シートを作成しています</source>
        <translation>Creating the measure sheets of {0}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>次年度の調査票を作成できませんでした</source>
        <translation>Could not create next year&apos;s survey</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0}の施策シートから{1}の施策シートを {2} 件作成しました。作成済みのため省略 {3} 件、除外 {4} 件。</source>
        <translation>Created {2} measure sheets of {1} from those of {0}. Skipped because already created: {3}; excluded: {4}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新しい施策シートは「{0}」です。当年度の実績と各KPIの実績値を入力してください。</source>
        <translation>The new measure sheets are &quot;{0}&quot;. Enter this year&apos;s results and the actual value of each KPI.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>保存できていない変更があるため戻せません。先に保存してください。</source>
        <translation>Cannot restore while there are unsaved changes. Save first.</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>以前の版に戻しています</source>
        <translation>Restoring an earlier version</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第{0}版の内容に戻しました（新しい版として保存しました）。</source>
        <translation>Restored the content of version {0} (saved as a new version).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以前の版に戻しました。</source>
        <translation>Restored an earlier version.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>戻せませんでした</source>
        <translation>Could not restore</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>事務局集計</source>
        <translation>Secretariat Overview</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>施策シートがありません。</source>
        <translation>There are no measure sheets.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}を集計しています</source>
        <translation>Summarising {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>集計できませんでした: {0}</source>
        <translation>Could not summarise: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Excelに書き出す</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>集計_{0}.xlsx</source>
        <translation>overview_{0}.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>書き出しています…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel報告書を書き出しています</source>
        <translation>Exporting the Excel report</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>書き出しました: {0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>書き出せませんでした</source>
        <translation>Could not export</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="+216"/>
        <source>サンプルデータを作成しています</source>
        <translation>Creating sample data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>サンプルデータを作成できませんでした</source>
        <translation>Could not create the sample data</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>サンプルのシートを {0} 件作成しました。</source>
        <translation>Created {0} sample sheets.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>サンプルデータ</source>
        <translation>Sample Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>サンプルのシートを作り直しますか？サンプルに加えた変更は失われます（他のシートはそのままです）。</source>
        <translation>Rebuild the sample sheets? Changes made to the samples will be lost (other sheets stay as they are).</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>データベースを開けません</source>
        <translation>Cannot Open the Database</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>データベースに接続できません</source>
        <translation>Cannot Connect to the Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}

「再試行」でもう一度接続します。</source>
        <translation>{0}

Choose Retry to connect again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>データベースに接続できませんでした。「ファイル」メニューから開き直せます。</source>
        <translation>Could not connect to the database. You can open it again from the File menu.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>立場はサーバーのロールの割り当てで決まります（{0}）。</source>
        <translation>Your role is set by the server&apos;s role assignment ({0}).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0}として接続しています。すべての府省庁のシートを閲覧し、状態の変更・コメント・評価を行えます。シートの内容は編集できません（サーバーが制限しています）。</source>
        <translation>Connected as {0}. You can read every ministry&apos;s sheets and change their status, comment and evaluate. You cannot edit the sheets&apos; content (limited by the server).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}として接続しています。表示・編集できるのは{1}のシートだけです（サーバーが制限しています）。</source>
        <translation>Connected as {0}. You can see and edit only the sheets of {1} (limited by the server).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ロール</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>このシートは編集できません</source>
        <translation>This sheet cannot be edited</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>資料ライブラリを準備しています</source>
        <translation>Preparing the reference library</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>資料ライブラリを準備できませんでした: {0}</source>
        <translation>Could not prepare the reference library: {0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>データベースを開く</source>
        <translation>Open Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>施策デスクのデータベース ({0});;すべてのファイル (*)</source>
        <translation>Sesaku Desk databases ({0});;All files (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>新しいデータベース</source>
        <translation>New Database</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>施策デスクのデータベース ({0})</source>
        <translation>Sesaku Desk databases ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} は既にあります。開くには「データベースを開く」を使ってください。</source>
        <translation>{0} already exists. Use &quot;Open Database&quot; to open it.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+104"/>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>{0}として操作します。</source>
        <translation>Acting as {0}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表示言語は次回の起動から切り替わります。</source>
        <translation>The language changes the next time Sesaku Desk starts.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未保存の変更あり</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存済み</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>施策デスク</source>
        <translation>Sesaku Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>データベースなし</source>
        <translation>No database</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>このロール（{0}）ではできません。</source>
        <translation>Not allowed for this role ({0}).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>保存されていない変更</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>保存できなかった変更があります（{0} 件のシート）。変更を破棄して閉じますか？</source>
        <translation>Some changes could not be saved ({0} sheets). Discard them and close?</translation>
    </message>
    <message>
        <location line="-166"/>
        <location line="+112"/>
        <source>読み取り専用</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>「{0}」を完了できませんでした: {1}</source>
        <translation>Could not complete “{0}”: {1}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>処理</source>
        <translation>the task</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>処理を完了できませんでした</source>
        <translation>Could not complete the task</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>このデータベースは読み取り専用で開かれています。</source>
        <translation>This database is open read-only.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注意</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>保存できなかった変更があります（{0} 件のシート）。変更を破棄して別のデータベースを開きますか？</source>
        <translation>Some changes could not be saved ({0} sheets). Discard them and open another database?</translation>
    </message>
</context>
<context>
    <name>AutoSaver</name>
    <message>
        <location filename="../../desktop/ui/autosave.py" line="+96"/>
        <source>保存しています</source>
        <translation>Saving</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存が中断されました。</source>
        <translation>The save was interrupted.</translation>
    </message>
</context>
<context>
    <name>ClassificationEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/choices.py" line="+25"/>
        <source>（選択してください）</source>
        <translation>(choose one)</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../desktop/ui/editor/compare.py" line="+52"/>
        <source>前年度と比較</source>
        <translation>Compare with last year</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>前年度の施策シートと、この項目の記載を並べて比較します。</source>
        <translation>Shows this field of last year&apos;s measure sheet beside this year&apos;s.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前年度の施策シートがありません（次年度の作成で引き継いだシートで使えます）。</source>
        <translation>There is no measure sheet of last year (available for sheets carried over to the next year).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>比較しています…</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>比較できませんでした: {0}</source>
        <translation>Could not compare: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>前年度（{0}）</source>
        <translation>Last year ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今年度（{0}）</source>
        <translation>This year ({0})</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../desktop/ui/dialogs/merge.py" line="+60"/>
        <source>この画面の内容（あなたの変更）</source>
        <translation>This window (your changes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存されている内容（別の画面・別の人の変更）</source>
        <translation>Saved version (changes from another window or person)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>色の付いた部分が二つの版で異なります。赤い下線は非公開の指定です。</source>
        <translation>Coloured parts differ between the two versions. Red underlines are non-public marks.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非公開の指定（統合後も残ります）</source>
        <translation>Non-public mark (kept after the merge)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>この画面の版: 項目全体</source>
        <translation>this window&apos;s version: the whole field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存されている版: 項目全体</source>
        <translation>the saved version: the whole field</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（非公開の指定: {0}）</source>
        <translation> (non-public marks: {0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自分の内容を使う</source>
        <translation>Use mine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存されている内容を使う</source>
        <translation>Use the saved version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>編集して統合する</source>
        <translation>Edit and merge</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>二つの版をもとに、残す文章を書いてください。</source>
        <translation>Write the text to keep, based on both versions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>統合した内容（編集できます）:</source>
        <translation>Merged text (editable):</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>統合した内容（両方の変更を組み合わせた案です。確かめて、必要なら直してください）:</source>
        <translation>Merged text (both changes combined as a proposal; check it and correct it if needed):</translation>
    </message>
</context>
<context>
    <name>CrashJournal</name>
    <message>
        <location filename="../../desktop/ui/journal.py" line="+97"/>
        <source>復旧用の記録を書き込めません（{0}）。変更は保存されるまで画面にだけあります。</source>
        <translation>Cannot write the recovery record ({0}). Your changes exist only on screen until they are saved.</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+32"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>前回保存されなかった変更の記録を読み取れなかったため、復元していません。記録は次の場所に残しています:
{0}</source>
        <translation>The record of changes not saved last time could not be read, so nothing was restored. The record is kept here:
{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>施策デスクが前回正しく終了しなかったため、保存されていなかった変更を復元しました。</source>
        <translation>Sesaku Desk did not end properly last time; the changes that had not been saved were restored.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>・「{0}」: {1}</source>
        <translation>• “{0}”: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（このシートはその後ほかの画面・ほかの人が保存したため、両方の変更を合わせます。同じ箇所が違う場合はどちらを残すかを確認します）</source>
        <translation> (this sheet was saved meanwhile from another window or by someone else: both changes are combined, and you will be asked which to keep where they differ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>復元した変更は自動的に保存されます。内容を確認してください。</source>
        <translation>The restored changes are saved automatically. Please check them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>・「{0}」は削除されていたため、変更を復元できませんでした。</source>
        <translation>• “{0}” had been deleted, so its changes could not be restored.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>復元できなかった変更の記録は次の場所に残しています:
{0}</source>
        <translation>The record of the changes that could not be restored is kept here:
{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>前回保存されなかった変更</source>
        <translation>Changes not saved last time</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <location filename="../../desktop/ui/daily_backup.py" line="+58"/>
        <source>本日の自動バックアップを作成しています</source>
        <translation>Taking today&apos;s automatic backup</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>本日の自動バックアップを作成しました（{0}）。</source>
        <translation>Today&apos;s automatic backup was taken ({0}).</translation>
    </message>
</context>
<context>
    <name>DisclosureController</name>
    <message>
        <location filename="../../desktop/ui/disclosure.py" line="+48"/>
        <source>非公開指定の確認</source>
        <translation>Review Non-Public Parts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>施策シートがありません。</source>
        <translation>There are no measure sheets.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>非公開の指定を読み込んでいます</source>
        <translation>Reading non-public parts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>読み込めませんでした: {0}</source>
        <translation>Could not read: {0}</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop/ui/error_dialog.py" line="+34"/>
        <source>予期しないエラー</source>
        <translation>Unexpected Error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>予期しないエラーが発生しました。入力した内容は自動で保存されますが、念のため作業中のシートを確認してください。

問題が続く場合は「詳細をコピー」を押し、メールなどに貼り付けて管理者（サポート窓口）に送ってください。</source>
        <translation>An unexpected error occurred. Your input is saved automatically, but please check the sheet you were working on.

If the problem continues, press &quot;Copy Details&quot; and paste them into a mail to your administrator (support).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>データベースのエラー</source>
        <translation>Database Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}

入力した内容は画面に残っています。問題が続く場合は「詳細をコピー」を押し、管理者（サポート窓口）に送ってください。</source>
        <translation>{0}

Your input is still on screen. If the problem continues, press &quot;Copy Details&quot; and send them to your administrator (support).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ログファイル: {0}</source>
        <translation>Log file: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>詳細をコピー</source>
        <translation>Copy Details</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>続けて発生したエラー:</source>
        <translation>Further error:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>コピーしました</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>ExchangeController</name>
    <message>
        <location filename="../../desktop/ui/exchange.py" line="+90"/>
        <source>提出・差戻しファイルを出力しています</source>
        <translation>Exporting the submission or return file</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>{0}（{1}、施策シート {2} 件）を出力しました: {3}</source>
        <translation>Exported the {0} ({1}, {2} measure sheets): {3}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差戻し・返却ファイル</source>
        <translation>return file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提出ファイル</source>
        <translation>submission file</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>提出・差戻しファイルを出力できませんでした</source>
        <translation>Could not export the submission or return file</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>提出・差戻しファイルを読み込んでいます…</source>
        <translation>Reading the submission or return file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出・差戻しファイルを読み込んでいます</source>
        <translation>Reading the submission or return file</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>このファイルから取り込む新しい内容はありません（取り込み済みです）。</source>
        <translation>This file brings nothing new (it has already been imported).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>このデータベースの内容</source>
        <translation>Content in this database</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ファイルの内容</source>
        <translation>Content in the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>このデータベースの内容を使う</source>
        <translation>Use the content in this database</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ファイルの内容を使う</source>
        <translation>Use the content in the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「{0}」は、前回の受け渡しの後、このデータベースとファイルの送り主の両方で変更されています。下の {1} 項目は両方で異なる内容になっています。項目ごとに、どちらの内容を残すか選ぶか、編集して統合してください。そのほかの変更は両方とも取り込まれます。非公開の指定は、どちらを選んでも両方の指定が残ります。</source>
        <translation>&quot;{0}&quot; was changed both in this database and by the file&apos;s sender since the last exchange. The {1} parts below differ between the two. For each, choose which content to keep or edit a merged text. All other changes of both sides are imported. Non-public marks of both versions are kept whichever you choose.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>両方で変更された施策の統合</source>
        <translation>Merging measures changed on both sides</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取り込みを見送りました（データベースは変更していません）。</source>
        <translation>The import was put off (the database was not changed).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>提出・差戻しファイルを取り込んでいます</source>
        <translation>Importing the submission or return file</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>提出・差戻しファイルを取り込みました（新規 {0} 件、変更 {1} 件）。</source>
        <translation>Imported the submission or return file ({0} new, {1} changed).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ファイルの調査票定義を新しい版として追加しました（「調査票」メニューで切り替えられます）。</source>
        <translation> The file&apos;s survey definition was added as a new version (switch to it from the Survey menu).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>提出・差戻しファイルを取り込めませんでした</source>
        <translation>Could not import the submission or return file</translation>
    </message>
</context>
<context>
    <name>ExchangeExportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/exchange.py" line="+44"/>
        <source>提出・差戻しファイルを出力</source>
        <translation>Export Submission or Return File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>府省庁の施策シートを、引用・非公開の指定・コメント・状態の履歴ごと1つの Excel ファイルにします。Excel で読める調査票の形で、施策デスクでは内容をそのまま取り込めます。</source>
        <translation>Puts a ministry&apos;s measure sheets, with citations, non-public marks, comments and status history, into one Excel file. Excel shows it as the survey form; Sesaku Desk imports its content as it is.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>提出ファイル（府省庁から事務局へ）</source>
        <translation>Submission (ministry to secretariat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差戻し・返却ファイル（事務局から府省庁へ）</source>
        <translation>Return (secretariat to ministry)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>出力…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>府省庁:</source>
        <translation>Ministry:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度:</source>
        <translation>Fiscal year:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>種類:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>府省庁と年度を選んでください。</source>
        <translation>Choose the ministry and the fiscal year.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>差戻し</source>
        <translation>return</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提出</source>
        <translation>submission</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出力先</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ExchangeImportDialog</name>
    <message>
        <location line="+16"/>
        <source>提出・差戻しファイルを取り込む</source>
        <translation>Import Submission or Return File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出・差戻しファイルを選ぶと、取り込んだ場合の内容（新規・変更・両方で変更・変更なし）を表示します。「取り込む」で、すべてを一度に保存します。両方で変更された施策は、保存の前にどちらの内容にするかを決めます。</source>
        <translation>Choose a submission or return file to see what importing it would do (new, changed, changed on both sides, unchanged). Import saves all of it at once; for measures changed on both sides you decide which content to keep before anything is saved.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>取り込む提出・差戻しファイル</source>
        <translation>Submission or return file to import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel ブック (*.xlsx);;すべてのファイル (*)</source>
        <translation>Excel workbook (*.xlsx);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/export_report.py" line="+52"/>
        <source>報告書を出力</source>
        <translation>Export Report</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>公開版（非公開の箇所を除く）</source>
        <translation>Public edition (non-public parts left out)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内部資料（すべて、非公開の箇所に印）</source>
        <translation>Internal edition (everything, non-public parts marked)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>すべての年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>すべての施策分類</source>
        <translation>All classifications</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>表示中のシートだけ（{0}）</source>
        <translation>Only the open sheet ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>表示中のシートだけ</source>
        <translation>Only the open sheet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>「{0}」でない施策シートも含める（見出しに【未{0}】と表示）</source>
        <translation>Also include sheets that are not &quot;{0}&quot; (marked in their headings)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公開範囲</source>
        <translation>Audience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>施策分類</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>表題</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>時点</source>
        <translation>As of</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+95"/>
        <source>保存先</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>出力</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+119"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>全府省庁</source>
        <translation>All ministries</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>保存先のファイルを指定してください。</source>
        <translation>Choose the file to save to.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出力しています…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/ui/editor/find_bar.py" line="+81"/>
        <source>シート内を検索</source>
        <translation>Find in sheet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>前を検索（Shift+Enter）</source>
        <translation>Previous match (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次を検索（Enter）</source>
        <translation>Next match (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>検索を閉じる（Esc）</source>
        <translation>Close the search (Esc)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>シート内を検索:</source>
        <translation>Find in sheet:</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>見つかりません</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 件中 {1} 件目</source>
        <translation>{1} of {0}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/first_run.py" line="+14"/>
        <source>施策デスクへようこそ</source>
        <translation>Welcome to Sesaku Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;データベースを作成しました:&lt;br/&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;参考資料（戦略文書など）を資料ライブラリに読み込んでいます。&lt;/p&gt;&lt;p&gt;操作を試すためのサンプルの施策シートを開きますか？サンプルは「サンプル」と表示され、いつでも作り直せます。&lt;/p&gt;</source>
        <translation>&lt;p&gt;A database was created:&lt;br/&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;&lt;p&gt;The reference documents (strategy papers and others) are being loaded into the library.&lt;/p&gt;&lt;p&gt;Open sample measure sheets to try things out? Samples are marked &quot;sample&quot; and can be rebuilt at any time.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>サンプルデータを開く</source>
        <translation>Open Sample Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空のデータベースで始める</source>
        <translation>Start with an Empty Database</translation>
    </message>
</context>
<context>
    <name>HeaderEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/header.py" line="+32"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>担当部局・課室</source>
        <translation>Bureau / Division</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>担当者</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>連絡先</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例: 総務省</source>
        <translation>e.g. 総務省</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例: 国際戦略局 技術政策課</source>
        <translation>e.g. 国際戦略局 技術政策課</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>電話番号・メールアドレス</source>
        <translation>Phone / e-mail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>変更できる状態: {0}</source>
        <translation>Can change to: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>なし</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/help.py" line="+14"/>
        <source>使い方</source>
        <translation>How to Use</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;h2&gt;施策デスクの使い方&lt;/h2&gt;&lt;h3&gt;1. シートを選ぶ・作る&lt;/h3&gt;&lt;p&gt;左の一覧で年度・府省庁・施策分類・状態を選んで絞り込み、検索欄でシートの本文を探せます。「新規」（Ctrl+N）で新しいシートを作成し、「複製」で選んでいるシートを下書きとして複製します。「削除」したシートは「編集 &amp;gt; 元に戻す」（Ctrl+Z）で戻せます。再起動した後は「ファイル &amp;gt; ごみ箱…」から元に戻すか、完全に削除できます。&lt;/p&gt;&lt;h3&gt;2. 記入する&lt;/h3&gt;&lt;p&gt;中央のエディタには調査票の項目が順に並び、各項目に必須・任意の区別と記載内容の説明が表示されます。施策分類はポイントごとに分かれた一覧から選び、戦略領域・重要領域は当てはまるものをすべてチェックします。「実施項目・KPI」では実施項目ごとにKPI（指標名・単位・基準値・目標値・当年度実績）を入力します。KPIが未設定の場合は「今後の検討予定」を記載してください。数値でない値は赤枠で示されます（該当なしは「-」）。&lt;/p&gt;&lt;h3&gt;3. 保存は自動です&lt;/h3&gt;&lt;p&gt;入力をやめて少しすると自動的に保存されます。シートを切り替えたときと終了するときにも保存します。今すぐ保存するには Ctrl+S。タイトルバーとステータスバーに保存状態が表示されます。元に戻す（Ctrl+Z）・やり直し（Ctrl+Shift+Z / Ctrl+Y）は項目やシートをまたいで使えます。&lt;/p&gt;&lt;h3&gt;4. 資料を引用する&lt;/h3&gt;&lt;p&gt;資料パネル（メニューバー右端の「資料パネル」または Ctrl+Shift+R で表示）で資料を検索し（Ctrl+Shift+F）、結果を選ぶと前後の文脈とともに表示されます。開いているシートの中を探すには Ctrl+F（Enter で次へ、Shift+Enter で前へ）。引用したい欄にカーソルを置いてから、必要なら資料の一部を選択して「引用」を押すと、カーソル位置に引用文と番号付きの引用マークが入り、欄の下に出典が一覧されます。引用マークや出典をクリックすると、引用元の段落が強調表示されます。「KPI候補」タブでは資料中の数値目標を選び、「KPIにする」で出典付きのKPIとして追加できます。資料は「資料を追加…」またはファイルをパネルにドロップして追加できます。&lt;/p&gt;&lt;h3&gt;5. 検査と提出&lt;/h3&gt;&lt;p&gt;下の検査パネルに、入力中のシートのエラーと警告が表示されます。クリックすると該当箇所に移動します。「この年度の全シートを検査」で同じ年度のシートをまとめて検査できます。エラーが残っている間は状態を「提出済」にできません。&lt;/p&gt;&lt;h3&gt;6. データベース&lt;/h3&gt;&lt;p&gt;「ファイル &amp;gt; データベースを開く」で別のデータベースを開けます。共有フォルダ上のファイルは複数人で同時に使うと壊れることがあるため、共有にはサーバー（PostgreSQL）を使ってください。&lt;/p&gt;</source>
        <translation>&lt;h2&gt;How to use Sesaku Desk&lt;/h2&gt;&lt;h3&gt;1. Find or create a sheet&lt;/h3&gt;&lt;p&gt;Filter the list on the left by fiscal year, ministry, classification and status, and search the sheets&apos; text in the search box. &quot;New&quot; (Ctrl+N) creates a sheet and &quot;Duplicate&quot; copies the selected one as a draft. A deleted sheet comes back with Edit &amp;gt; Undo (Ctrl+Z); after a restart, File &amp;gt; Trash… restores it or deletes it for good.&lt;/p&gt;&lt;h3&gt;2. Fill it in&lt;/h3&gt;&lt;p&gt;The editor in the middle shows the survey&apos;s fields in order, each with its required/optional badge and the guidance of the format. Pick the classification from the list grouped by point and check every area the measure works on. Under 「実施項目・KPI」 enter the items and their KPIs (indicator, unit, baseline, target, this year&apos;s actual). Where no KPI is set yet, write the planned consideration. Values that are not numbers are outlined in red (&quot;-&quot; means not applicable).&lt;/p&gt;&lt;h3&gt;3. Saving is automatic&lt;/h3&gt;&lt;p&gt;Your work is saved shortly after you stop typing, when you switch sheets and when you close the window. Ctrl+S saves at once. The title bar and the status bar show whether everything is saved. Undo (Ctrl+Z) and redo (Ctrl+Shift+Z / Ctrl+Y) work across fields and sheets.&lt;/p&gt;&lt;h3&gt;4. Cite sources&lt;/h3&gt;&lt;p&gt;Search the documents in the source panel (shown with 「Source panel」 at the right end of the menu bar or Ctrl+Shift+R) with Ctrl+Shift+F; choosing a result shows the passage in its context. To find text in the open sheet, press Ctrl+F (Enter for the next match, Shift+Enter for the previous one). Put the cursor where the citation goes, select part of the passage if you like, and press &quot;Cite&quot;: the quote and a numbered marker are inserted and the source is listed under the field. Clicking a marker or a listed source shows the cited passage highlighted. On the &quot;KPI candidates&quot; tab, &quot;Make KPI&quot; adds a numeric target from a document as a KPI with its source. Add documents with &quot;Add Document…&quot; or by dropping files on the panel.&lt;/p&gt;&lt;h3&gt;5. Check and submit&lt;/h3&gt;&lt;p&gt;The checks panel at the bottom lists the errors and warnings of the sheet you are editing; click one to go to the field. &quot;Check All Sheets of This Year&quot; checks every sheet of the year. A sheet cannot be set to 提出済 (submitted) while errors remain.&lt;/p&gt;&lt;h3&gt;6. Databases&lt;/h3&gt;&lt;p&gt;File &amp;gt; Open Database opens another database. Files on shared network folders can be damaged when several people use them at once; use a server (PostgreSQL) for shared work.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>（開いていません）</source>
        <translation>(none open)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>施策デスク バージョン {0}
フォローアップ調査票（施策シート）の作成・管理

データベース: {1}
ログファイル: {2}</source>
        <translation>Sesaku Desk version {0}
Drafting and managing the follow-up survey (measure sheets)

Database: {1}
Log file: {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>バージョン情報</source>
        <translation>About Sesaku Desk</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/history.py" line="+50"/>
        <source>日時</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>版</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>変更者</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>変更後</source>
        <translation>New value</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>この版に戻す</source>
        <translation>Restore This Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>左に表示した版の内容に戻します（戻した操作も履歴に残ります）。</source>
        <translation>Restores the version shown on the left (the restore is recorded in the history too).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>左の版</source>
        <translation>Left version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>右の版</source>
        <translation>Right version</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>変更履歴 — {0}</source>
        <translation>History — {0}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>第{0}版 {1} {2}</source>
        <translation>Version {0} {1} {2}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>左の版は現在の内容と同じです。</source>
        <translation>The left version is the same as the current content.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>戻しています…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/import_forms.py" line="+60"/>
        <source>調査票を取り込む</source>
        <translation>Import Survey Forms</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>記入済みの調査票（Excel）または前年度のシートの Word 文書を選ぶと、取り込んだ場合の変更内容を表示します。問題がなければ「取り込む」で、すべてのシートを一度に保存します。</source>
        <translation>Choose filled-in forms (Excel) or a Word file of last year&apos;s sheets to preview the changes an import would make. If all is well, Import saves every sheet at once.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ファイルを選ぶ…</source>
        <translation>Choose Files…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>調査票の記載による</source>
        <translation>As stated in the form</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>調査票（他の様式）に年度の記載がない場合に使う年度。表題・シート名・年度の列の記載があれば、そちらを使います。</source>
        <translation>The fiscal year for a form (of another layout) that does not state one. A year in its title, sheet names or a year column takes precedence.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>年度の記載がない調査票の年度:</source>
        <translation>Year for forms without one:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>取り込み前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取り込み後</source>
        <translation>After</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>変更内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>KPI の確認</source>
        <translation>Review KPIs</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>取り込む調査票</source>
        <translation>Survey forms to import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>調査票 (*.xlsx *.docx);;Excel ブック (*.xlsx);;Word 文書 (*.docx);;すべてのファイル (*)</source>
        <translation>Forms (*.xlsx *.docx);;Excel workbooks (*.xlsx);;Word documents (*.docx);;All files (*)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>（施策名なし）</source>
        <translation>(no measure name)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>KPI の確認（{0}件）</source>
        <translation>Review KPIs ({0})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>KPI の確認（未確認 {0}件）</source>
        <translation>Review KPIs ({0} undecided)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI の確認（確認済み）</source>
        <translation>Review KPIs (all decided)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>取り込めない箇所（{0}件）</source>
        <translation>Cannot be imported ({0})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新規作成（{0}件）</source>
        <translation>New sheets ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>変更（{0}件）</source>
        <translation>Changed sheets ({0})</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>変更なし（{0}件）</source>
        <translation>Unchanged ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>確認事項（{0}件、取り込みは可能）</source>
        <translation>Points to check ({0}; import is possible)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>取り込めない箇所が {0} 件あります。調査票を直してから、もう一度選んでください（データベースは変更されません）。</source>
        <translation>{0} place(s) cannot be imported. Correct the form and choose it again (the database is not changed).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新規 {0} 件、変更 {1} 件、変更なし {2} 件。</source>
        <translation>{0} new, {1} changed, {2} unchanged.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文章から読み取った KPI を「KPI の確認」で確認すると、取り込めます。</source>
        <translation>Review the KPIs read from text under &quot;Review KPIs&quot; to import.</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>内容</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../../desktop/ui/kpi_editor.py" line="+437"/>
        <source>&lt;b&gt;実施項目 {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Item {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>実施項目の名称</source>
        <translation>Name of the item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>実施項目を上へ</source>
        <translation>Move item up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>実施項目を下へ</source>
        <translation>Move item down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>実施項目を削除</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>＋ KPIを追加</source>
        <translation>+ Add KPI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>この実施項目にKPIを追加</source>
        <translation>Add a KPI to this item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>今後の検討予定（KPI未設定の場合に記載）</source>
        <translation>Planned consideration (when no KPI is set yet)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>（指標名なし）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KPIの削除</source>
        <translation>Delete KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI「{0}」を削除しますか？
入力した値と実績も消えます（「編集 &gt; 元に戻す」で取り消せます）。</source>
        <translation>Delete the KPI “{0}”?
Its values and actuals are removed too (Edit &gt; Undo brings them back).</translation>
    </message>
</context>
<context>
    <name>KpiChartView</name>
    <message>
        <location filename="../../desktop/ui/kpi_chart_view.py" line="+91"/>
        <source>KPIの欄を選ぶと、その推移をここに表示します。</source>
        <translation>Select a KPI&apos;s field to show its progress here.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>、達成率 {0}%（{1}）</source>
        <translation>, achievement {0}% ({1})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>グラフに描ける数値がありません。</source>
        <translation>There are no numbers to chart.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>見込み</source>
        <translation>Expected path</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>実績</source>
        <translation>Actuals</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>（指標名なし）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>（年度）</source>
        <translation> (year)</translation>
    </message>
</context>
<context>
    <name>KpiEditor</name>
    <message>
        <location filename="../../desktop/ui/kpi_editor.py" line="+37"/>
        <source>＋ 実施項目を追加</source>
        <translation>+ Add item</translation>
    </message>
</context>
<context>
    <name>KpiReviewPanel</name>
    <message>
        <location filename="../../desktop/ui/dialogs/kpi_review.py" line="+67"/>
        <source>調査票の「実施項目・KPI」の文章から読み取った KPI です。原文と見比べて、読み取りどおり登録するか、値を直して登録するか、文章のまま残すかを行ごとに選んでください。すべての行を選ぶまで取り込めません。読み取れなかった行は文章のまま取り込みます。</source>
        <translation>These KPIs were read from the text of the form&apos;s &quot;Actions and KPIs&quot; cell. Compare each with its original line and choose, line by line, to save it as read, correct the values and save, or keep it as text. Nothing can be imported until every line is decided. Lines that could not be read are imported as text.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未確認の行をすべて読み取りどおり登録</source>
        <translation>Save all undecided lines as read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未確認の行をすべて文章のまま残す</source>
        <translation>Keep all undecided lines as text</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>施策:</source>
        <translation>Measure:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>原文</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>指標</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>基準年度</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目標年度</source>
        <translation>Target year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目標値の限定</source>
        <translation>Qualifier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>目標値の種類</source>
        <translation>Target kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>実績</source>
        <translation>Actuals</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>扱い</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未確認</source>
        <translation>Undecided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>読み取りどおり登録</source>
        <translation>Save as read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修正して登録</source>
        <translation>Save as corrected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文章のまま</source>
        <translation>Keep as text</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文章のまま（読み取れません）</source>
        <translation>Kept as text (could not be read)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>「{0}」は数値として読み取れません。</source>
        <translation>&quot;{0}&quot; cannot be read as a number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>指標を入力してください。</source>
        <translation>Enter the indicator.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>未確認 {0}件</source>
        <translation>{0} undecided</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>確認済み</source>
        <translation>all decided</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>読み取った KPI {0} 件のうち未確認 {1} 件、読み取れず文章のまま取り込む行 {2} 件。</source>
        <translation>{1} of {0} KPIs read are undecided; {2} lines could not be read and are imported as text.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>直した値に誤りが {0} 件あります：{1}</source>
        <translation>{0} corrected values are invalid: {1}</translation>
    </message>
</context>
<context>
    <name>KpiRow</name>
    <message>
        <location filename="../../desktop/ui/kpi_editor.py" line="-455"/>
        <source>定量</source>
        <translation>Quantitative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数値で測るKPI（基準値・目標値・実績値を数値で入力）</source>
        <translation>A KPI measured in numbers (baseline, target and actuals are numbers)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>KPIを上へ</source>
        <translation>Move KPI up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPIを下へ</source>
        <translation>Move KPI down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPIを削除</source>
        <translation>Remove KPI</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>指標名</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>基準年度</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指標の出典</source>
        <translation>Indicator source</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目標年度</source>
        <translation>Target year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目標値の限定</source>
        <translation>Qualifier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>以下・以内・未満は少ないほどよい目標として、超・未満は目標値ちょうどでは未達として判定します</source>
        <translation>以下, 以内 and 未満 are judged as lower-is-better targets; with 超 and 未満 the target value itself is not yet met</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目標値の種類</source>
        <translation>Target kind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目標値そのものを目指す</source>
        <translation>The target value itself is the goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基準値＋目標値（例：+10ポイント）</source>
        <translation>Baseline + target value (e.g. +10 points)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基準値から目標値%削減（例：2013年度比46%削減）</source>
        <translation>Target value % below the baseline (e.g. 46% below FY2013)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基準値×目標値（例：2倍）</source>
        <translation>Baseline × target value (e.g. twice)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>目標の方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上向き（増えるほどよい）</source>
        <translation>Upwards (higher is better)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下向き（減るほどよい）</source>
        <translation>Downwards (lower is better)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>取り込んだ調査票の記載（参照のみ。公開用の出力には載りません）</source>
        <translation>As written in the imported form (for reference only; never in a public output)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>（未設定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>当年度実績（{0}）</source>
        <translation>Actual ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前年度実績（{0}）</source>
        <translation>Last year ({0})</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>前年度の実績（参照のみ）</source>
        <translation>Last year&apos;s actual (read only)</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>&#x3000;目標の水準 {0}{1}</source>
        <translation> target level {0}{1}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>数値を入力してください（該当なしは「-」）</source>
        <translation>Enter a number (&quot;-&quot; for not applicable)</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>進捗</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+183"/>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（達成率 {0}%）</source>
        <translation> (achievement {0}%)</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>年度別の推移</source>
        <translation>By fiscal year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>各年度の実績と達成率（参照のみ。前年度以前の値は前年度のシートから引き継いだもの）</source>
        <translation>Each year&apos;s actual and achievement rate (read only; earlier years are carried over from last year&apos;s sheet)</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>調査票の記載：{0}</source>
        <translation>As written in the form: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>「{0}」のため、{1}として判定します</source>
        <translation>Judged {1} because of 「{0}」</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>実績</source>
        <translation>Actuals</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>達成率</source>
        <translation>Achievement</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="+80"/>
        <source>資料</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>検査</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>最近使ったデータベース</source>
        <translation>Recent Databases</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>調査票(&amp;S)</source>
        <translation>&amp;Survey</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>立場（点検・評価）</source>
        <translation>Role (review)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
</context>
<context>
    <name>MarkController</name>
    <message>
        <location filename="../../desktop/ui/editor/marks.py" line="+166"/>
        <source>非公開にする…</source>
        <translation>Mark as Non-Public…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>項目全体を非公開にする…</source>
        <translation>Mark Whole Field as Non-Public…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>この出典を非公開にする…</source>
        <translation>Mark This Citation as Non-Public…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>・{0} — 理由: {1}</source>
        <translation>• {0} — reason: {1}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>以前に非公開とした「{0}」</source>
        <translation>&quot;{0}&quot;, withheld before</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>このKPIは非公開に指定されています</source>
        <translation>This KPI is marked non-public</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>この値は非公開に指定されています</source>
        <translation>This value is marked non-public</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>この語句は他の {0} 件のシートにも出てきます。公開版ではそれらのシートでも伏せられるか、出力が止まります。語句を長めに選ぶと、必要な部分だけを非公開にできます。</source>
        <translation>This phrase also appears in {0} other sheets. In the public version it will be withheld there too, or the export will stop. Select a longer phrase to withhold only what is needed.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>非公開にする文字列を、本文の欄で選択してください。</source>
        <translation>Select the text to mark as non-public in a text field.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>非公開にする文字列を選択してください（項目全体は右クリックの「項目全体を非公開にする…」）。</source>
        <translation>Select the text to mark as non-public (for the whole field, right-click and choose &quot;Mark Whole Field as Non-Public…&quot;).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>「{0}」の「{1}」</source>
        <translation>&quot;{1}&quot; in &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+133"/>
        <source>「{0}」全体</source>
        <translation>All of &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+86"/>
        <source>{0}実績</source>
        <translation>{0} actual</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>KPI「{0}」の{1}</source>
        <translation>{1} of KPI &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+123"/>
        <source>KPI「{0}」</source>
        <translation>KPI &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>非公開の指定を解除しました（保存すると、解除した人・日時・理由が履歴に残ります。元に戻す: Ctrl+Z）。</source>
        <translation>The non-public mark was released (when saved, who, when and why are kept in the history; undo: Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>指定し直す文章を、本文の欄で選択してから押してください。</source>
        <translation>Select the text to mark in the field first, then press this.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>「{0}」に指定し直したため</source>
        <translation>re-marked as &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>このKPIの非公開を解除…</source>
        <translation>Release this KPI&apos;s non-public mark…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>値だけを非公開にする</source>
        <translation>Withhold only a value</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}を非公開にする…</source>
        <translation>Mark {0} non-public…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}の非公開を解除…</source>
        <translation>Release the mark on {0}…</translation>
    </message>
    <message>
        <location line="-113"/>
        <location line="+130"/>
        <source>（指標名なし）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <location line="-320"/>
        <source>非公開を解除…</source>
        <translation>Release non-public…</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>出典「{0}」</source>
        <translation>Citation &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>このKPIを非公開にする…</source>
        <translation>Mark This KPI as Non-Public…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>出典 [{0}]（{1}）「{2}」</source>
        <translation>Citation [{0}] ({1}) &quot;{2}&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（非公開にできる KPI・出典がありません）</source>
        <translation>(No KPI or citation to mark)</translation>
    </message>
</context>
<context>
    <name>MarkReasonDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/mark_reason.py" line="+15"/>
        <location line="+22"/>
        <source>非公開にする</source>
        <translation>Mark as Non-Public</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>非公開を解除する</source>
        <translation>Release non-public mark</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>非公開にする部分：{0}</source>
        <translation>Part to mark as non-public: {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解除する指定：{0}</source>
        <translation>Mark to release: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>解除する理由（必須）。解除した人・日時・理由は変更履歴に残ります。解除すると、この文章は公開版の報告書に載るようになります。</source>
        <translation>Reason for releasing (required). Who, when and why are kept in the history. Once released, this text is printed in the public report.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>非公開を希望する理由（必須）。公開版の報告書では「（非公開）」と表示され、理由は内部資料にだけ載ります。</source>
        <translation>Reason for keeping it non-public (required). The public report shows &quot;（非公開）&quot; in its place; the reason appears only in internal documents.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>例：関係先の了承が得られ、公表済みとなったため</source>
        <translation>e.g. the parties agreed and it has been published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例：交渉中の相手方の名称を含むため</source>
        <translation>e.g. It names a party we are still negotiating with</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>解除する</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MarksPanel</name>
    <message>
        <location filename="../../desktop/ui/editor/marks.py" line="-424"/>
        <source>本文の一部を選択して右クリック（または「編集」メニュー）の「非公開にする…」で指定します。指定した部分は公開版の報告書で「（非公開）」と表示されます。</source>
        <translation>Select part of a text, right-click (or use the Edit menu) and choose &quot;Mark as Non-Public…&quot;. Marked parts are shown as &quot;（非公開）&quot; in the public report.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>以前に非公開とした文章です。指定が外れても、再び書かれると公開版には載りません。</source>
        <translation>Text withheld before. Even without a mark, it is left out of the public version wherever it is written again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公開してよい（登録から外す）…</source>
        <translation>May be published (remove from the register)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KPI・出典を非公開にする…</source>
        <translation>Mark a KPI or Citation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由を変更…</source>
        <translation>Change Reason…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選択した箇所に指定し直す</source>
        <translation>Re-mark at the selection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非公開を解除…</source>
        <translation>Release non-public…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>非公開の確認が必要です：{0} 件の指定の位置が見つかりません（取り込み・統合で文章が変わったため）。該当する文章を選択して「選択した箇所に指定し直す」か、公開してよければ「非公開を解除…」を選んでください。確認するまで公開版は出力できません。</source>
        <translation>Non-public marks need checking: {0} mark(s) could not be found in the text (an import or a merge changed it). Select the text and choose &quot;Re-mark at the selection&quot;, or &quot;Release non-public…&quot; if it may be published. The public version cannot be exported until then.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>以前に非公開とした文章（{0} 件）：再び書かれても公開版には載りません</source>
        <translation>Text withheld before ({0}): left out of the public version if written again</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>非公開の指定（{0} 件）</source>
        <translation>Non-public parts ({0})</translation>
    </message>
</context>
<context>
    <name>MarksReviewDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/marks_review.py" line="+37"/>
        <source>非公開指定の確認</source>
        <translation>Review Non-Public Parts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>施策名</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>非公開の内容</source>
        <translation>Non-public text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>行をダブルクリックするとそのシートを開きます。公開版の報告書では、これらの部分が「（非公開）」と表示され、理由は載りません。</source>
        <translation>Double-click a row to open its sheet. The public report shows these parts as &quot;（非公開）&quot; and leaves out the reasons.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} シート・{1} か所が非公開に指定されています。</source>
        <translation>{1} parts in {0} sheets are marked non-public.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>この年度に非公開の指定はありません。</source>
        <translation>No part of this year is marked non-public.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/merge.py" line="+43"/>
        <source>同時に編集された項目の統合</source>
        <translation>Merge edits made at the same time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>「{0}」は、この画面で編集している間に別の画面または別の人が保存しました。下の {1} 項目は両方で変更されています。項目ごとに、どちらの内容を残すか選ぶか、編集して統合してください。そのほかの変更は両方とも保存されます。非公開の指定は、どちらを選んでも両方の指定が残ります。</source>
        <translation>&quot;{0}&quot; was saved in another window or by someone else while you were editing it here. The {1} items below were changed in both. For each, choose which version to keep, or edit a merged text. All other changes of both are saved. Non-public marks of both versions are kept whatever you choose.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>統合後の非公開の指定</source>
        <translation>Non-public marks after the merge</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>統合して保存</source>
        <translation>Merge and save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>後で決める（保存しない）</source>
        <translation>Decide later (do not save)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>まだ選んでいない項目が {0} 個あります。</source>
        <translation>{0} item(s) still to decide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「統合して保存」で保存します。</source>
        <translation>“Merge and save” saves the result.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>この画面で指定</source>
        <translation>marked in this window</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存されている版で指定</source>
        <translation>marked in the saved version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>両方の版</source>
        <translation>both versions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>残ります</source>
        <translation>kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>統合後の文章に見つからないため「非公開の確認が必要」として残ります（文章は引き続き非公開）</source>
        <translation>not found in the merged text: kept as &quot;needs checking&quot; (the text stays non-public)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>・{0}（{1}、理由: {2}）— {3}</source>
        <translation>・{0} ({1}, reason: {2}) — {3}</translation>
    </message>
</context>
<context>
    <name>MinistryCombo</name>
    <message>
        <location filename="../../desktop/ui/editor/ministry_combo.py" line="+35"/>
        <source>一覧から選択（一覧にない名称は入力）</source>
        <translation>Choose from the list (type a name not on it)</translation>
    </message>
</context>
<context>
    <name>NewYearDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/new_year.py" line="+43"/>
        <source>次年度の調査票を作成</source>
        <translation>Create Next Year&apos;s Survey</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>元の年度</source>
        <translation>From fiscal year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作成する年度</source>
        <translation>Create for fiscal year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>チェックした施策の施策シートを作成します。終了した施策はチェックを外すと除外できます。記載内容・分類・担当・KPIの定義と目標は引き継ぎ、当年度の実績と実績値は空で始まります。</source>
        <translation>Creates a measure sheet for each ticked measure; untick measures that have ended to exclude them. Texts, classification, responsible staff, KPI definitions and targets are carried over; this year&apos;s results and actuals start empty.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>前の版の項目</source>
        <translation>Field in earlier version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新しい版の項目</source>
        <translation>Field in new version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>扱い</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本文のあるシート</source>
        <translation>Sheets with text</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>作成</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>{0}（作成済み）</source>
        <translation>{0} (already created)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>調査票の第{0}版の施策シートを第{1}版で作成します。項目の移し方:</source>
        <translation>Sheets of survey version {0} will be created in version {1}. How fields move:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0}の施策シートを {1} 件作成します（作成済み {2} 件、除外 {3} 件）。</source>
        <translation>Creates {1} measure sheets of {0} (already created: {2}; excluded: {3}).</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+6"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>OverviewDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/overview.py" line="+43"/>
        <source>事務局集計</source>
        <translation>Secretariat Overview</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Excelに書き出す…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>この年度のExcel報告書（内部資料）を、集計シート付きで書き出します。</source>
        <translation>Exports this year&apos;s Excel report (internal) with the summary sheet.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>集計しています…</source>
        <translation>Summarising…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0}：施策シート {1} 件、エラーのあるシート {2} 件、KPI {3} 件（遅れ {4} 件）</source>
        <translation>{0}: {1} measure sheets, {2} with errors, {3} KPIs ({4} behind)</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <location filename="../../desktop/ui/reports.py" line="+67"/>
        <source>報告書を出力しています</source>
        <translation>Exporting the report</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>出力を中止しました。ファイルは作成・変更されていません。</source>
        <translation>Export cancelled. No file was created or changed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}の{1}を出力しました（施策シート {2} 件）: {3}</source>
        <translation>Exported the {0} {1} ({2} sheets): {3}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>確定していない施策シート {0} 件を含めました（見出しに表示）。</source>
        <translation>Included {0} sheet(s) not accepted (marked in their headings).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>報告書を出力できませんでした</source>
        <translation>Could not export the report</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>調査票を読み込んでいます…</source>
        <translation>Reading the survey forms…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>調査票を読み込んでいます</source>
        <translation>Reading the survey forms</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>調査票を取り込んでいます</source>
        <translation>Importing the survey forms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>調査票を取り込みました（新規 {0} 件、変更 {1} 件）。</source>
        <translation>Imported the survey forms ({0} new, {1} changed).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>調査票を取り込めませんでした</source>
        <translation>Could not import the survey forms</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../desktop/ui/editor/review_panel.py" line="+61"/>
        <source>（未評価）</source>
        <translation>(not evaluated)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>評価を記録</source>
        <translation>Record evaluation</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>箇所</source>
        <translation>Where</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+172"/>
        <source>コメント</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>記入者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日時</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>コメントはありません。</source>
        <translation>No comments.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>コメントを追加…</source>
        <translation>Add comment…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返信…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+117"/>
        <source>解決済にする</source>
        <translation>Mark resolved</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>解決済</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未解決</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+128"/>
        <source>返信</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>{0}: {1}（{2}、{3}）</source>
        <translation>{0}: {1} ({2}, {3})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>作成</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;理由: {0}</source>
        <translation>  reason: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>状態の履歴:</source>
        <translation>Status history:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>このシートは差し戻されています。</source>
        <translation>This sheet has been returned.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由: {0}（{1}、{2}）</source>
        <translation>Reason: {0} ({1}, {2})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（記載なし）</source>
        <translation>(none given)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未解決のコメント {0}件:</source>
        <translation>Open comments ({0}):</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+52"/>
        <source>シート全体</source>
        <translation>Whole sheet</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>未解決に戻す</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>評価は事務局の立場で記録します（表示 &gt; 立場）。</source>
        <translation>The evaluation is recorded as the secretariat (View &gt; Role).</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+8"/>
        <source>コメントを追加</source>
        <translation>Add comment</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>コメントする箇所</source>
        <translation>Comment on</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（対象:「{0}」）</source>
        <translation> (on &quot;{0}&quot;)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>コメントを追加しました。</source>
        <translation>Comment added.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>返信しました。</source>
        <translation>Reply added.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>解決済にしました。</source>
        <translation>Marked as resolved.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未解決に戻しました。</source>
        <translation>Reopened.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>評価を選んでください。</source>
        <translation>Choose an evaluation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>評価を記録しました。</source>
        <translation>Evaluation recorded.</translation>
    </message>
</context>
<context>
    <name>SaveFailureNotice</name>
    <message>
        <location filename="../../desktop/ui/save_failures.py" line="+46"/>
        <location line="+13"/>
        <source>保存できませんでした</source>
        <translation>Could Not Save</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>「{0}」を保存できませんでした。

{1}</source>
        <translation>「{0}」 could not be saved.

{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>入力した内容は画面に残っています（失われていません）。</source>
        <translation>Your input is still on screen (nothing is lost). </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 秒ごとに自動で保存し直します（Ctrl+S ですぐに再試行できます）。</source>
        <translation>Saving is retried every {0} seconds (Ctrl+S retries now).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>原因を解決してから、Ctrl+S で保存し直してください。</source>
        <translation>Once the cause is resolved, save again with Ctrl+S.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>まだ保存できません。{0}</source>
        <translation>Still cannot save. {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「{0}」を保存できませんでした。

{1}

{2}{3}</source>
        <translation>&quot;{0}&quot; could not be saved.

{1}

{2}{3}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存できるようになりました。変更を保存しました。</source>
        <translation>Saving works again. Your changes are saved.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../desktop/ui/editor/section.py" line="+40"/>
        <source>必須</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{0} / {1} 文字</source>
        <translation>{0} / {1} characters</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 文字</source>
        <translation>{0} characters</translation>
    </message>
</context>
<context>
    <name>SharedSheetsController</name>
    <message>
        <location filename="../../desktop/ui/shared_sheets.py" line="+46"/>
        <location line="+9"/>
        <location line="+89"/>
        <source>データベースが開かれていません。</source>
        <translation>No database is open.</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>共有の設定を確認しています…</source>
        <translation>Checking the sharing settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>他府省の公開シートの共有を確認しています</source>
        <translation>Checking whether other ministries&apos; public sheets are shared</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>共有の設定を確認できませんでした: {0}</source>
        <translation>Could not check the sharing settings: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>他府省の公開シートは、府省庁ごとのロールを設定した共有の PostgreSQL サーバーでだけ閲覧できます（開いているデータベースはこのパソコンのファイルです）。</source>
        <translation>Other ministries&apos; public sheets can be read only on a shared PostgreSQL server with roles per ministry (the open database is a file on this computer).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>このサーバーには公開シートを共有する設定がありません（管理者が sesaku-desk server setup を実行します。docs/postgresql.md）。</source>
        <translation>This server is not set up to share public sheets (an administrator runs sesaku-desk server setup; see docs/postgresql.md).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>調査票「{0}」では、他府省庁の施策シートは共有されていません（調査票の定義の [sharing] で事務局が設定します）。</source>
        <translation>In the survey “{0}” other ministries&apos; sheets are not shared (the secretariat sets this in the definition&apos;s [sharing]).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>他府省庁の施策シートのうち共有されているものを、公開部分だけ閲覧します（{0}）。</source>
        <translation>Read the public part of the sheets other ministries share ({0}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>閲覧のみ</source>
        <translation>read only</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>他府省の公開シートを読み込んでいます</source>
        <translation>Loading other ministries&apos; public sheets</translation>
    </message>
</context>
<context>
    <name>SharedSheetsDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/shared_sheets.py" line="+74"/>
        <source>施策名・本文の語で絞り込む</source>
        <translation>Filter by words of the title or text</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+14"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+11"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>施策名</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>最新の状態に更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0}（閲覧のみ）</source>
        <translation>{0} (read only)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>他府省の公開シート</source>
        <translation>Other ministries&apos; public sheets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>他府省庁の施策シートのうち、共有されているものの公開部分だけを表示しています（閲覧のみ・編集はできません）。公開版の報告書と同じ内容で、非公開の部分は「{0}」と表示されます。</source>
        <translation>Only the public part of the sheets other ministries share is shown (read only, cannot be edited). It is what the public report shows; withheld parts appear as “{0}”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>読み込めませんでした</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>すべての府省庁</source>
        <translation>All ministries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>すべての年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>共有されている他府省庁のシートはありません</source>
        <translation>No sheets of other ministries are shared</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 件</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 件中 {1} 件</source>
        <translation>{1} of {0}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>共有されている他府省庁のシートはまだありません。</source>
        <translation>No sheets of other ministries are shared yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>条件に合うシートはありません。</source>
        <translation>No sheet matches.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（記載なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公開部分の作成: {0}（{1}）</source>
        <translation>Public part made: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>SheetEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/sheet_editor.py" line="+74"/>
        <source>左の一覧からシートを選ぶか、「新規」でシートを作成してください。</source>
        <translation>Choose a sheet in the list on the left, or create one with &quot;New&quot;.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>点検・評価とコメント</source>
        <translation>Review, evaluation and comments</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>担当・状態</source>
        <translation>Responsibility and status</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>この施策が取り組む領域をすべて選択</source>
        <translation>Check every area this measure works on</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>前の版の項目（この版の調査票にはありません）</source>
        <translation>Fields of an earlier version (not in this version of the survey)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>調査票の改訂でなくなった項目の記載内容です。必要な内容はこの版の項目に写してください。公開版には出力されません。</source>
        <translation>Text of fields removed by a revision of the survey. Copy what is still needed into this version&apos;s fields. It is not printed in the public version.</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>各KPIの当年度実績は「{0}」欄で入力します。</source>
        <translation>Each KPI&apos;s actual for this year is entered in the 「{0}」 section.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（指標名なし）</source>
        <translation>(no indicator)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未入力</source>
        <translation>not entered</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>実施項目「{0}」</source>
        <translation>Action item &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KPI「{0}」</source>
        <translation>KPI &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>担当部局・課室</source>
        <translation>Bureau / Division</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>担当者</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>連絡先</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>非公開の指定</source>
        <translation>Non-public marks</translation>
    </message>
</context>
<context>
    <name>SheetListModel</name>
    <message>
        <location filename="../../desktop/ui/sheet_list_model.py" line="+186"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>分類</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更新日時</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>問題</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}（サンプル）</source>
        <translation>{0} (sample)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>エラー {0} 件、警告 {1} 件</source>
        <translation>{0} errors, {1} warnings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>エラー {0}</source>
        <translation>{0} errors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>警告 {0}</source>
        <translation>{0} warnings</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>KPI進捗</source>
        <translation>KPI progress</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>KPIなし</source>
        <translation>No KPIs</translation>
    </message>
</context>
<context>
    <name>SheetListView</name>
    <message>
        <location filename="../../desktop/ui/sheet_list_view.py" line="+75"/>
        <source>すべての分類</source>
        <translation>All classifications</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>シートの本文を検索</source>
        <translation>Search the sheets&apos; text</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>新規</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>複製</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>すべての年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>すべての府省庁</source>
        <translation>All ministries</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{0} 件</source>
        <translation>{0} sheets</translation>
    </message>
</context>
<context>
    <name>SheetWorkspace</name>
    <message>
        <location filename="../../desktop/ui/workspace.py" line="+186"/>
        <source>シートが見つかりません（削除された可能性があります）。</source>
        <translation>The sheet was not found (it may have been deleted).</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>「{0}」の変更</source>
        <translation>Change of 「{0}」</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>非公開に指定していた {0} が削除されたため、その指定は外れました（元に戻す: Ctrl+Z）。この文章は非公開の登録に残るため、再び入力・貼り付けされても公開版には載りません。公開してよい場合は「公開範囲に関する希望」の一覧から解除してください。</source>
        <translation>{0}, marked non-public, was deleted, so its mark was removed (undo: Ctrl+Z). The text stays registered as non-public: typed or pasted again, it is still left out of the public version. If it may be published, release it in the list under the disclosure field.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>「{0}」にしました。</source>
        <translation>Set to 「{0}」.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>保存できませんでした</source>
        <translation>Could Not Save</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+25"/>
        <location line="+210"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>「{0}」の理由</source>
        <translation>Reason for &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「{0}」にする理由（府省庁の担当者にシートの先頭で表示されます）</source>
        <translation>Reason for &quot;{0}&quot; (shown to the ministry at the top of the sheet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>「{0}」にするには理由を入力してください。</source>
        <translation>Enter a reason to set &quot;{0}&quot;.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>保存できていない変更があるため、実行しませんでした。シートの保存の問題を解決してから、もう一度実行してください。</source>
        <translation>Not done: there are changes that could not be saved. Resolve the sheet&apos;s saving problem, then try again.</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>問題を数えています</source>
        <translation>Counting problems</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0}の全シートを検査しています…</source>
        <translation>Checking all sheets of {0}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}の全シートを検査</source>
        <translation>Check all sheets of {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>中止しました。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>検査できませんでした: {0}</source>
        <translation>Could not check: {0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>この操作はできません</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>新しいシートを作成しています</source>
        <translation>Creating a new sheet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（コピー）</source>
        <translation> (copy)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>シートを複製しています</source>
        <translation>Duplicating the sheet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>シートを作成できませんでした</source>
        <translation>Could Not Create the Sheet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>新しいシートを{0}で作成しました（年度は編集画面の「年度」で変更できます）。</source>
        <translation>Created a new sheet for {0} (change it in the editor&apos;s &quot;Fiscal year&quot; field).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>シートの削除</source>
        <translation>Delete Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「{0}」を削除しますか？
削除は記録され、「編集 &gt; 元に戻す」で取り消せます。</source>
        <translation>Delete 「{0}」?
The deletion is recorded and can be taken back with Edit &gt; Undo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>「{0}」の削除</source>
        <translation>Deletion of 「{0}」</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>「{0}」の復元</source>
        <translation>Restore &quot;{0}&quot;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>削除しています</source>
        <translation>Deleting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>元に戻しています</source>
        <translation>Restoring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>削除できませんでした</source>
        <translation>Could Not Delete</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>シートを削除しました（元に戻すには Ctrl+Z）。</source>
        <translation>Sheet deleted (Ctrl+Z to undo).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>削除を取り消しました。</source>
        <translation>Deletion undone.</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>別の画面・別の人の変更と合わせて保存しています。</source>
        <translation>Saving together with the changes from another window or person.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>変更は画面に残っています（まだ保存されていません）。</source>
        <translation>Your changes stay on screen (not saved yet).</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>読み取り専用で開いているため、変更できません。</source>
        <translation>The database is open read-only: nothing can be changed.</translation>
    </message>
</context>
<context>
    <name>SideBySideDiff</name>
    <message>
        <location filename="../../desktop/ui/diff_view.py" line="+134"/>
        <source>違いはありません。</source>
        <translation>No differences.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>違い {0} か所（左：削除・変更、右：追加・変更）</source>
        <translation>{0} differences (left: removed or changed; right: added or changed)</translation>
    </message>
</context>
<context>
    <name>SourceController</name>
    <message>
        <location filename="../../desktop/ui/source_controller.py" line="+65"/>
        <source>資料の一覧を読み込んでいます</source>
        <translation>Loading the list of documents</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>資料を検索しています</source>
        <translation>Searching the documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>検索できませんでした: {0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>引用元の段落が見つかりません（資料が削除された可能性があります）。</source>
        <translation>The cited passage was not found (the document may have been removed).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>この引用には資料の段落がありません: {0}</source>
        <translation>This citation has no passage in the library: {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>引用先のシートを開いてください。</source>
        <translation>Open the sheet to cite into.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>引用</source>
        <translation>Cite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>引用を入れる欄をクリックしてカーソルを置いてから、「引用」を押してください。</source>
        <translation>Click into the field where the citation goes, then press &quot;Cite&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>引用を挿入しました: {0}</source>
        <translation>Citation inserted: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>KPI候補を探しています</source>
        <translation>Looking for KPI candidates</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>KPIを追加するシートを開いてください。</source>
        <translation>Open the sheet to add the KPI to.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>KPI候補からKPIを追加</source>
        <translation>Add KPI from candidate</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>KPI「{0}」を追加しました。</source>
        <translation>Added KPI 「{0}」.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>資料を追加しています</source>
        <translation>Adding documents</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>資料を追加できませんでした</source>
        <translation>Could Not Add the Document</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>資料を {0} 件追加しました。</source>
        <translation>Added {0} documents.</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="+62"/>
        <source>資料を検索（例: 国際標準 人材）</source>
        <translation>Search the documents (e.g. 国際標準 人材)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>語を入力して資料ライブラリを検索します（複数の語はすべてを含む段落）。</source>
        <translation>Type words to search the reference library (several words: passages with all of them).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>検索結果を選ぶと、ここに段落が表示されます。</source>
        <translation>Choose a search result to read its passage here.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>引用</source>
        <translation>Cite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選択した部分（選択がなければ段落全体）を、最後に入力していた欄のカーソル位置に引用します</source>
        <translation>Cites the selected text (or the whole passage) at the cursor of the field you last typed in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>資料を追加…</source>
        <translation>Add Document…</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+201"/>
        <source>すべての資料</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>KPIにする</source>
        <translation>Make KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選んだ候補を、選択中の実施項目のKPIとして出典付きで追加します</source>
        <translation>Adds the chosen candidate, with its source, as a KPI of the current item</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>検索・引用</source>
        <translation>Search and cite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI候補</source>
        <translation>KPI candidates</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>資料ファイルをここにドロップして追加できます。</source>
        <translation>Drop document files here to add them.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>検索しています…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>「{0}」: 上位 {1} 件／全 {2} 件</source>
        <translation>「{0}」: top {1} of {2} passages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>「{0}」: 全 {1} 件</source>
        <translation>「{0}」: all {1} passages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>「{0}」: 完全に一致する箇所はありません。近い箇所:</source>
        <translation>「{0}」: no passage holds every word. Closest passages:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「{0}」に一致する箇所はありません。</source>
        <translation>Nothing matches 「{0}」.</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>{0}：{1}（{2}年）
{3}</source>
        <translation>{0}: {1} (by {2})
{3}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>KPIになりそうな数値目標は見つかりませんでした。</source>
        <translation>No numeric targets that could become KPIs were found.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>資料を追加</source>
        <translation>Add Document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>資料 ({0});;すべてのファイル (*)</source>
        <translation>Documents ({0});;All files (*)</translation>
    </message>
</context>
<context>
    <name>SurveyController</name>
    <message>
        <location filename="../../desktop/ui/survey_controller.py" line="+65"/>
        <location line="+19"/>
        <location line="+3"/>
        <source>調査票の定義を取り込む</source>
        <translation>Import Survey Definition</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>調査票の定義 (*.xlsx *.toml)</source>
        <translation>Survey definitions (*.xlsx *.toml)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>調査票の定義を取り込めません</source>
        <translation>Cannot import the survey definition</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>「{0}」は同じ内容の第{1}版が登録済みです。何も変更していません。</source>
        <translation>&quot;{0}&quot; is already registered with the same content as version {1}. Nothing was changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>「{0}」（{1}）を第{2}版として取り込みました。この版に切り替えますか？</source>
        <translation>Imported &quot;{0}&quot; ({1}) as version {2}. Switch to this version?</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+12"/>
        <source>調査票の定義を書き出す</source>
        <translation>Export Survey Definition</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>調査票の定義を書き出せません</source>
        <translation>Cannot export the survey definition</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>調査票の定義ブックを書き出しました: {0}</source>
        <translation>Exported the survey definition workbook: {0}</translation>
    </message>
</context>
<context>
    <name>SurveyPickerDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/survey_picker.py" line="+18"/>
        <source>調査票を切り替える</source>
        <translation>Switch Survey</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}（{1}、第{2}版、シート {3} 件）</source>
        <translation>{0} ({1}, version {2}, {3} sheets)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>選んだ調査票の最新の版で、施策シートの一覧・編集・報告書を扱います。</source>
        <translation>The list, the editor and the reports work in the latest version of the chosen survey.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>調査票</source>
        <translation>Survey</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/task_dialog.py" line="+46"/>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../desktop/ui/task_status.py" line="+18"/>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+36"/>
        <source> ほか {0} 件</source>
        <translation> and {0} more</translation>
    </message>
</context>
<context>
    <name>TextFieldEditor</name>
    <message>
        <location filename="../../desktop/ui/editor/text_field.py" line="+309"/>
        <source>引用（クリックで出典を表示）</source>
        <translation>Citation (click to show the source)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>以前に非公開とした文章です（公開版には載りません）</source>
        <translation>Text withheld before (not printed in the public version)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>出典不明</source>
        <translation>Unknown source</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>非公開の指定があります</source>
        <translation>Marked non-public</translation>
    </message>
</context>
<context>
    <name>TrashController</name>
    <message>
        <location filename="../../desktop/ui/trash.py" line="+75"/>
        <source>・「{0}」（{1}）</source>
        <translation>• &quot;{0}&quot; ({1})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>府省庁未記入</source>
        <translation>no ministry</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ほか {0} 件</source>
        <translation>and {0} more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次の {0} 件のシートを完全に削除しますか？

{1}

内容・変更履歴とも消え、元に戻せません（「編集 &gt; 元に戻す」の履歴も消えます）。</source>
        <translation>Delete these {0} sheet(s) for good?

{1}

Their content and history are removed and cannot be restored (the Edit &gt; Undo history is cleared too).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>非公開として登録された文章 {0} 件は登録に残ります。ほかのシートにコピーされていても、公開版には引き続き載りません（完全に削除した後は、この画面から解除できません）。</source>
        <translation>{0} text(s) registered as non-public stay in the register: even where copied into other sheets they still stay out of public versions (after deleting for good they cannot be released from here).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>完全に削除</source>
        <translation>Delete for good</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完全に削除しています</source>
        <translation>Deleting for good</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完全に削除できませんでした</source>
        <translation>Could not delete for good</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} 件のシートを完全に削除しました。</source>
        <translation>Deleted {0} sheet(s) for good.</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/trash.py" line="+40"/>
        <source>ごみ箱</source>
        <translation>Trash</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>施策名</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>府省庁</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>削除日時</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ごみ箱は空です。削除したシートはここに残り、元に戻せます。</source>
        <translation>The trash is empty. Deleted sheets are kept here and can be restored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>読み取り専用で開いているため、元に戻す・完全に削除はできません。</source>
        <translation>The database is open read-only: sheets cannot be restored or deleted for good.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>元に戻す</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選んだシートをシート一覧に戻します（Ctrl+Z で再び削除できます）。</source>
        <translation>Puts the chosen sheets back in the sheet list (Ctrl+Z deletes them again).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完全に削除…</source>
        <translation>Delete for good…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>選んだシートをデータベースから消します。元に戻せません。</source>
        <translation>Removes the chosen sheets from the database. This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../desktop/ui/validation_panel.py" line="+52"/>
        <location line="+12"/>
        <source>重要度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+12"/>
        <source>内容</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>この年度の全シートを検査</source>
        <translation>Check All Sheets of This Year</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>このシート</source>
        <translation>This sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度の全シート</source>
        <translation>All sheets of the year</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>シートが選ばれていません。</source>
        <translation>No sheet is selected.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>問題はありません。</source>
        <translation>No problems.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>エラー {0} 件、警告 {1} 件（クリックで該当箇所へ移動）</source>
        <translation>{0} errors, {1} warnings (click one to go to the field)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0}: {1} 件中 {2} 件に問題（エラー {3} 件）</source>
        <translation>{0}: {2} of {1} sheets have problems ({3} errors)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>エラー {0}</source>
        <translation>{0} errors</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>警告 {0}</source>
        <translation>{0} warnings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <location filename="../../desktop/ui/controller.py" line="+39"/>
        <source>取り込んだ内容を保存しています…</source>
        <translation>Saving what was imported…</translation>
    </message>
</context>
<context>
    <name>YearCombo</name>
    <message>
        <location filename="../../desktop/ui/year_combo.py" line="+37"/>
        <source>例: 令和8年度、R8、2026</source>
        <translation>e.g. 令和8年度, R8, 2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一覧から選ぶか、「令和8」「R8」「2026」のように入力して Enter</source>
        <translation>Choose from the list, or type e.g. 令和8, R8 or 2026 and press Enter</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>年度を入力してください（例: 令和8年度、2026）。</source>
        <translation>Enter a fiscal year (e.g. 令和8年度, 2026).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}。年度は変わっていません。</source>
        <translation>{0}. The fiscal year was not changed.</translation>
    </message>
</context>
<context>
    <name>run</name>
    <message>
        <location filename="../../desktop/ui/run.py" line="+25"/>
        <source>施策デスク</source>
        <translation>Sesaku Desk</translation>
    </message>
</context>
</TS>
