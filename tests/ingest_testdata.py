"""Real test documents for the ingest tests: PDFs drawn with reportlab, HTML pages."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

RUNNING_HEADER = "Centre for Regional Studies | Commentary No. 14"

# Two pages of a commentary laid out as a PDF would be: a running header on each page,
# a page number at the foot, a word hyphenated at a line end ("govern-" / "ment") and a
# sentence that runs from the foot of page 1 onto page 2.
COMMENTARY_PAGES = [
    [
        "Pakistan and Russia Draw Closer",
        "",
        "ISLAMABAD, 3 March 2022 - Pakistan said on Tuesday that its govern-",
        "ment would buy wheat and natural gas from Russia after the visit of",
        "Prime Minister Imran Khan to Moscow.",
        "",
        "Diplomatic Reactions",
        "In an open letter, envoys of European",
    ],
    [
        "and other Western countries urged Pakistan to condemn the invasion",
        "of Ukraine. Pakistan abstained from the vote in the General Assembly.",
        "",
        "The long-",
        "planned visit had been prepared for months.",
    ],
]


def draw_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    header: str | None = RUNNING_HEADER,
    page_numbers: bool = True,
    title: str | None = None,
) -> Path:
    """A real PDF with one text line per entry (blank entries leave a gap)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 9)
        if header:
            pdf.drawString(72, height - 40, header)
        pdf.setFont("Helvetica", 11)
        y = height - 90
        for line in lines:
            if line:
                pdf.drawString(72, y, line)
            y -= 16
        if page_numbers:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def draw_image_only_pdf(path: Path) -> Path:
    """A PDF whose page holds only drawn shapes, as a scan without OCR would."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(72, 400, 300, 200, fill=1)
    pdf.circle(300, 300, 50, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def encrypt_pdf(source: Path, target: Path, user_password: str, owner_password: str = "owner",
                algorithm: str = "RC4-128") -> Path:
    reader = PdfReader(str(source))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


ARTICLE_PARAGRAPHS = [
    "MOSCOW, 10 July 2024 - Russia expelled two Bulgarian diplomats on Wednesday, the foreign "
    "ministry said, in retaliation for a similar step taken by Sofia in June.",
    "The Bulgarian embassy in Moscow was told that the two diplomats had forty-eight hours to "
    "leave the country, according to a statement published by the ministry.",
    "Bulgaria's foreign minister condemned the decision and said that his government would not "
    "change its position on the war in Ukraine.",
]


def news_page(title: str = "Russia expels Bulgarian diplomats", published: str | None = "2024-07-10") -> str:
    """A web page with navigation, an advert, a cookie banner and a footer around an article."""
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | World Desk</title>{meta}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<div class="advert" id="ad-top">Cheap flights to Sofia! Book today and save 50 percent.</div>
<main><article>
<h1>{title}</h1>
{body}
</article></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li>
<li><a href="/b">Ten tips for summer gardening</a></li></ul></aside>
<footer><p>Copyright 2024 World Desk Media. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact us</a></p></footer>
</body></html>"""


def feature_page(charset: str = "utf-8") -> str:
    """A page whose lead paragraph sits in the article header, with a photo caption,
    a byline with a <time>, an advert slot and a newsletter box."""
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>Saudi Arabia and Iran restore ties - Gulf Desk</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
<article>
<header><h1>Saudi Arabia and Iran agree to restore ties</h1>
<p class="standfirst">BEIJING, 10 March 2023 - Saudi Arabia and Iran agreed on Friday to restore
diplomatic relations after seven years, in a deal brokered by China’s government.</p>
<div class="byline">By Staff Writer | <time datetime="2023-03-10">10 March 2023</time></div>
</header>
<figure><img src="signing.jpg"><figcaption>Officials at the signing in Beijing. Photo: Reuters</figcaption></figure>
<p>The two countries will reopen their embassies within two months, according to a joint statement
released by the three governments in Beijing.</p>
<p>Wang Yi, China’s top diplomat, called the deal a victory for dialogue and peace in the région.</p>
<div class="ad-slot">ADVERTISEMENT</div>
<p>The United States welcomed the agreement but said it would watch whether Iran honoured its commitments.</p>
</article>
<div class="newsletter">Sign up for our newsletter to get the latest news every morning.</div>
<footer>© 2023 Gulf Desk</footer></body></html>"""
