"""ヘルプ > 使い方: a short guide; ヘルプ > バージョン情報: the version, the database and the log file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import __version__


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使い方"))
        self.resize(640, 560)
        browser = QTextBrowser(objectName="helpText")
        browser.setOpenExternalLinks(False)
        browser.setHtml(self.guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)

    def guide_html(self) -> str:
        return self.tr(
            "<h2>施策デスクの使い方</h2>"
            "<h3>1. シートを選ぶ・作る</h3>"
            "<p>左の一覧で年度・府省庁・施策分類・状態を選んで絞り込み、検索欄でシートの本文を探せます。"
            "「新規」（Ctrl+N）で新しいシートを作成し、「複製」で選んでいるシートを下書きとして複製します。"
            "「削除」したシートは「編集 &gt; 元に戻す」（Ctrl+Z）で戻せます。"
            "再起動した後は「ファイル &gt; ごみ箱…」から元に戻すか、完全に削除できます。</p>"
            "<h3>2. 記入する</h3>"
            "<p>中央のエディタには調査票の項目が順に並び、各項目に必須・任意の区別と記載内容の説明が表示されます。"
            "施策分類はポイントごとに分かれた一覧から選び、戦略領域・重要領域は当てはまるものをすべてチェックします。"
            "「実施項目・KPI」では実施項目ごとにKPI（指標名・単位・基準値・目標値・当年度実績）を入力します。"
            "KPIが未設定の場合は「今後の検討予定」を記載してください。数値でない値は赤枠で示されます"
            "（該当なしは「-」）。</p>"
            "<h3>3. 保存は自動です</h3>"
            "<p>入力をやめて少しすると自動的に保存されます。シートを切り替えたときと終了するときにも保存します。"
            "今すぐ保存するには Ctrl+S。タイトルバーとステータスバーに保存状態が表示されます。"
            "元に戻す（Ctrl+Z）・やり直し（Ctrl+Shift+Z / Ctrl+Y）は項目やシートをまたいで使えます。</p>"
            "<h3>4. 資料を引用する</h3>"
            "<p>資料パネル（メニューバー右端の「資料パネル」または Ctrl+Shift+R で表示）で資料を検索し"
            "（Ctrl+Shift+F）、結果を選ぶと前後の文脈とともに表示されます。"
            "開いているシートの中を探すには Ctrl+F（Enter で次へ、Shift+Enter で前へ）。"
            "引用したい欄にカーソルを置いてから、必要なら資料の一部を選択して「引用」を押すと、"
            "カーソル位置に引用文と番号付きの引用マークが入り、欄の下に出典が一覧されます。"
            "引用マークや出典をクリックすると、引用元の段落が強調表示されます。"
            "「KPI候補」タブでは資料中の数値目標を選び、「KPIにする」で出典付きのKPIとして追加できます。"
            "資料は「資料を追加…」またはファイルをパネルにドロップして追加できます。</p>"
            "<h3>5. 検査と提出</h3>"
            "<p>下の検査パネルに、入力中のシートのエラーと警告が表示されます。クリックすると該当箇所に移動します。"
            "「この年度の全シートを検査」で同じ年度のシートをまとめて検査できます。"
            "エラーが残っている間は状態を「提出済」にできません。</p>"
            "<h3>6. データベース</h3>"
            "<p>「ファイル &gt; データベースを開く」で別のデータベースを開けます。"
            "共有フォルダ上のファイルは複数人で同時に使うと壊れることがあるため、共有にはサーバー（PostgreSQL）を使ってください。</p>")


def about_text(database: str | None) -> str:
    """Version, the open database and the log file: what support asks for first."""
    from desktop.logs import current_log_file
    from desktop.store.database import display_target

    shown = display_target(database) if database else QCoreApplication.translate("HelpDialog", "（開いていません）")
    return QCoreApplication.translate(
        "HelpDialog", "施策デスク バージョン {0}\nフォローアップ調査票（施策シート）の作成・管理\n\n"
                      "データベース: {1}\nログファイル: {2}").format(__version__, shown, current_log_file())


def show_about(parent: QWidget | None, database: str | None = None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("HelpDialog", "バージョン情報"), about_text(database))
