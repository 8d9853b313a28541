"""Write the Word (.docx) and single-file page (.mhtml) samples of tests/fixtures/import/.

Their text is invented, as every sample's is; they are built here rather than by
hand so that anyone can see and change what is in them. Run from the checkout:

    .venv/bin/python scripts/build_import_fixtures.py
"""

from __future__ import annotations

import datetime as dt
import quopri
from email.generator import BytesGenerator
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from io import BytesIO
from pathlib import Path

import docx
from docx.shared import Pt

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "import"
CREATED = dt.datetime(2025, 3, 14, 9, 0, tzinfo=dt.UTC)
# One pixel of PNG: the picture a saved page carries along.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

# (text, bold): a paragraph of the Word file.
WORD_FILES: dict[str, list[tuple[str, bool]]] = {
    "ru-docx-agency-file": [
        ("Посол Турции: «Безвизовый режим остается в силе»", True),
        ("Бишкек, 14 марта 2025", False),
        (
            "Посол Турецкой Республики в Кыргызстане Мехмет Арслан в интервью агентству «Кабар»"
            " рассказал о торговле, образовании и авиасообщении.",
            False,
        ),
        ("Господин посол, каким был прошлый год для торговли двух стран?", False),
        (
            "— Товарооборот вырос почти на 20 процентов и превысил 900 млн долларов. Растет"
            " экспорт кыргызской сельхозпродукции.",
            False,
        ),
        ("Мы ждем, что в этом году он достигнет миллиарда.", False),
        ("Сколько кыргызстанцев учится в Турции?", False),
        (
            "— Около трех тысяч студентов. Половина из них получает государственные стипендии.",
            False,
        ),
        ("Будут ли новые рейсы?", False),
        ("— Да, с апреля откроется прямой рейс Ош — Стамбул.", False),
    ],
    "en-docx-bold-questions": [
        ("Kazakhstan and Kyrgyzstan will share one customs post – deputy minister", True),
        ("By Aigerim Dauletova", False),
        (
            "ASTANA. KAZINFORM – Deputy Minister of Finance of Kazakhstan Marat Zhumabekov told"
            " Kazinform about the joint customs post, queues at the border and electronic"
            " declarations.",
            False,
        ),
        ("When will the joint customs post open?", True),
        (
            "The first post opens at Ak-Zhol in June. Officers of both countries will check"
            " goods once, in one building.",
            False,
        ),
        ("Trucks will no longer stop twice.", False),
        ("How long are the queues today?", True),
        ("In summer a truck waits up to six hours. We want to bring this down to one hour.", False),
        ("Tell us about electronic declarations.", True),
        (
            "Since January every declaration can be filed online, and 80 percent of them"
            " already are.",
            False,
        ),
    ],
    "ky-docx-numbered": [
        ("Ректор: «Быйыл 500 студентке грант берилет»", True),
        (
            "Ош мамлекеттик университетинин ректору Канат Садыков «Кабар» агенттигине берген"
            " маегинде кабыл алуу тууралуу айтты.",
            False,
        ),
        ("1. Канат мырза, быйыл канча студент кабыл алынат?", True),
        ("Болжол менен 3 миң студент. Алардын 500ү грант менен окуйт.", False),
        ("2. Чет элдик студенттер барбы?", True),
        ("Ооба, Индиядан жана Пакистандан 2 миңге жакын студент окуйт.", False),
        ("3. Жаңы имарат тууралуу айтып бериңиз.", True),
        ("Китепкана менен лабораториялар жайында ачылат.", False),
    ],
}


def write_word_file(name: str, paragraphs: list[tuple[str, bool]]) -> None:
    document = docx.Document()
    document.core_properties.created = CREATED
    document.core_properties.modified = CREATED
    document.core_properties.author = "Desk"
    for text, bold in paragraphs:
        run = document.add_paragraph().add_run(text)
        run.bold = bold or None
        run.font.size = Pt(12)
    document.save(FIXTURES / name / "raw.docx")


def write_mhtml(name: str, page: Path) -> None:
    """The page as a browser saves it in one file: the HTML quoted-printable, its picture beside it."""
    message = MIMEMultipart("related", type="text/html", boundary="----MultipartBoundary--fixture")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://kabar.example/eng/news/solar-parks-south"
    message["Subject"] = "Solar parks will light up the south, says energy minister | Kabar"
    message["Date"] = "Mon, 12 May 2025 09:45:00 +0600"
    html = MIMEText(page.read_text(encoding="utf-8"), "html", "utf-8")
    del html["Content-Transfer-Encoding"]
    html.set_payload(quopri.encodestring(page.read_bytes()).decode("ascii"))
    html["Content-Transfer-Encoding"] = "quoted-printable"
    html["Content-Location"] = "https://kabar.example/eng/news/solar-parks-south"
    message.attach(html)
    image = MIMEImage(PIXEL, "png")
    image["Content-Location"] = "https://kabar.example/img/osmonova.jpg"
    message.attach(image)
    out = BytesIO()
    BytesGenerator(out, mangle_from_=False).flatten(message)
    (FIXTURES / name / "raw.mhtml").write_bytes(out.getvalue())


def main() -> None:
    for name, paragraphs in WORD_FILES.items():
        (FIXTURES / name).mkdir(exist_ok=True)
        write_word_file(name, paragraphs)
    (FIXTURES / "en-mhtml-agency-page").mkdir(exist_ok=True)
    write_mhtml("en-mhtml-agency-page", FIXTURES / "en-html-agency-page" / "raw.html")


if __name__ == "__main__":
    main()
