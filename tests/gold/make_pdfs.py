"""Build the two PDF documents of the gold set from the texts below.

Run from the project root:  .venv/bin/python tests/gold/make_pdfs.py
The PDFs are committed; rerun only when a text changes (the gold files quote the text).

Layout choices exercise the PDF reader's text repair: small pages so that articles run over
several pages, a running header and page number on every page, and long words hyphenated at
line ends ("arma-" / "ments")."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A5
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

DOCS = Path(__file__).resolve().parent / "docs"
FONT, SIZE, LEADING = "Times-Roman", 11, 15
PAGE = (A5[0], 400.0)  # short pages: every article runs over three pages
MARGIN = 48

KYIV_TEHRAN = (
    "KYIV, 20 October 2022",
    "EU sanctions Iranian drone makers as Kyiv counts the cost of Shahed attacks",
    [
        "KYIV, 20 October 2022 (BWN) - The European Union imposed sanctions on three Iranian "
        "military officers and the manufacturer of the Shahed-136 drone on Thursday, accusing "
        "Tehran of supplying Russia with the unmanned aircraft that have struck Ukrainian cities "
        "and power stations in recent weeks.",
        "Russian forces attacked Kyiv with dozens of the Iranian-made drones on Monday, killing "
        "at least four people near the central railway station. Ukrainian air defences said they "
        "had shot down most of the drones, but strikes on energy infrastructure left large parts "
        "of the country without electricity.",
        "Iran denies that it has provided weapons for use in the war. Its foreign ministry "
        "rejected the EU decision as baseless and said Tehran would respond. Britain and France "
        "accused Iran of violating a Security Council resolution that restricts its transfers of "
        "military technology, and asked the UN secretariat to investigate.",
        "Ukraine downgraded its relations with Iran in September, when Kyiv stripped the Iranian "
        "ambassador of his accreditation and cut the number of diplomats at the Iranian embassy. "
        "President Volodymyr Zelensky said on Tuesday that Ukraine would formally propose "
        "breaking off diplomatic relations with Tehran altogether.",
        "Zelensky also called on Israel to supply Ukraine with air defence systems. Israel has "
        "declined to send weapons, citing its need to coordinate with Russian forces in Syria, "
        "but said it could share intelligence on the drones if Kyiv asked for it.",
        "Russia and Iran signed a memorandum on military cooperation in 2021, and Moscow has "
        "since bought Iranian ammunition and armaments for its forces in Ukraine, Western "
        "officials said. The United States imposed its own sanctions on Iranian drone producers "
        "in September.",
    ],
)

NIAMEY_PARIS = (
    "NIAMEY, 7 August 2023",
    "Niger's junta closes airspace as ECOWAS deadline expires",
    [
        "NIAMEY, 7 August 2023 (BWN) - Niger's military rulers closed the country's airspace on "
        "Sunday, citing the threat of a foreign intervention, as a deadline set by West African "
        "leaders for the return of the ousted President Mohamed Bazoum expired.",
        "The Economic Community of West African States (ECOWAS) threatened on 30 July to use "
        "force if Bazoum was not reinstated within a week. The bloc also imposed sanctions on "
        "Niger, suspending commercial and financial transactions and freezing the country's "
        "assets in the regional central bank. Nigeria cut its electricity supplies to its "
        "neighbour the next day.",
        "The juntas in Mali and Burkina Faso warned that any military intervention in Niger "
        "would be considered a declaration of war against them, and said they would send "
        "delegations to Niamey in a show of solidarity.",
        "On Thursday the junta revoked Niger's military cooperation agreements with France, "
        "which has about 1,500 soldiers in the country, and accused Paris of seeking to free "
        "Bazoum by force. France rejected the accusation and said it would not withdraw its "
        "troops at the request of authorities it does not recognise. Two days earlier the junta "
        "had suspended the broadcasts of French international news channels.",
        "The United States paused some of its assistance programmes for Niger on Friday but has "
        "not withdrawn its troops from the country. Secretary of State Antony Blinken spoke by "
        "phone with Bazoum and urged the junta to release him.",
        "Algeria, which shares a long border with Niger, opposed any foreign military "
        "intervention and offered to mediate.",
    ],
)


def wrap(paragraph: str, width: float) -> list[str]:
    """Greedy line filling; a long word that does not fit is hyphenated once, as typesetters
    do, so the PDF carries the line-end hyphens that the reader must rejoin."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, FONT, SIZE) <= width:
            line = candidate
            continue
        if word.isalpha() and len(word) >= 9:
            for cut in range(len(word) - 4, 3, -1):
                head = f"{line} {word[:cut]}-".strip()
                if stringWidth(head, FONT, SIZE) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def build(target: Path, header: str, title: str, paragraphs: list[str]) -> None:
    page_w, page_h = PAGE
    canvas = Canvas(str(target), pagesize=PAGE, invariant=True)
    canvas.setTitle(title)
    page = 1

    def running_header() -> float:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(MARGIN, page_h - 28, f"Blocwatch News Service | {header}")
        canvas.drawRightString(page_w - MARGIN, page_h - 28, f"Page {page}")
        return page_h - MARGIN - 10

    y = running_header()
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(MARGIN, y, title[:60])
    if len(title) > 60:
        y -= 16
        canvas.drawString(MARGIN, y, title[60:].strip())
    y -= 26
    for paragraph in paragraphs:
        for line in wrap(paragraph, page_w - 2 * MARGIN):
            if y < MARGIN:
                canvas.showPage()
                page += 1
                y = running_header()
            canvas.setFont(FONT, SIZE)
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        y -= LEADING * 0.6
    canvas.save()


def main() -> None:
    build(DOCS / "kyiv-tehran-2022.pdf", *KYIV_TEHRAN)
    build(DOCS / "niamey-paris-2023.pdf", *NIAMEY_PARIS)


if __name__ == "__main__":
    main()
