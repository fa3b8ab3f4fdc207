"""open_document: every format opens; every kind of bad input gets its stable code."""

from __future__ import annotations

import io
import os
import struct
import zipfile

import pymupdf
import pytest
from PIL import Image

from spaceocr.core.documents import DocumentLimits, open_document, sniff_kind
from spaceocr.core.errors import (
    CorruptDocument,
    DocumentNotFound,
    DocumentPermissionDenied,
    DocumentTooLarge,
    EmptyDocument,
    EmptyFile,
    EncryptedDocument,
    PageError,
    SpaceOcrError,
    UnsupportedDocument,
)


# ------------------------------------------------------------------ formats that open
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"])
def test_open_document_reads_each_image_format_as_rgb(make_image, fmt):
    path = make_image(fmt)
    with open_document(path) as doc:
        assert doc.kind == {"JPEG": "jpeg"}.get(fmt, fmt.lower())
        assert doc.page_count == 1
        page = doc.page(0)
    assert page.image.mode == "RGB"
    assert (page.width_px, page.height_px) == (320, 200)
    # the black rectangle survived decoding (JPEG/WebP are lossy: allow some noise)
    assert max(page.image.getpixel((60, 50))) < 60
    assert min(page.image.getpixel((200, 150))) > 200


def test_open_document_renders_every_pdf_page_at_the_dpi_asked(make_pdf):
    path = make_pdf(["one", "two", "three"])
    with open_document(path, dpi=100) as doc:
        assert (doc.kind, doc.page_count) == ("pdf", 3)
        pages = list(doc.pages())
    assert [p.index for p in pages] == [0, 1, 2]
    # A4 at 100 dpi
    assert abs(pages[1].width_px - 595 * 100 / 72) <= 1
    assert pages[1].dpi == 100
    assert all(p.image.mode == "RGB" for p in pages)


def test_open_document_default_dpi_is_200(make_pdf):
    with open_document(make_pdf(["a"])) as doc:
        assert doc.page(0).dpi == 200
        assert abs(doc.page(0).width_px - 595 * 200 / 72) <= 1


def test_open_document_reads_every_page_of_a_multipage_tiff(tmp_path):
    frames = [Image.new("RGB", (100 + 10 * i, 80), (40 * i, 0, 0)) for i in range(3)]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with open_document(path) as doc:
        assert doc.page_count == 3
        widths = [p.width_px for p in doc.pages()]
    assert widths == [100, 110, 120]


def test_open_document_sniffs_content_not_extension(make_image, tmp_path):
    png = make_image("PNG", name="actually_png.pdf")
    with open_document(png) as doc:
        assert doc.kind == "png"
    text = tmp_path / "notes.pdf"
    text.write_text("this is just text, not a PDF\n")
    with pytest.raises(UnsupportedDocument) as ei:
        open_document(text)
    assert ei.value.code == "unsupported_type"
    assert "notes.pdf" in str(ei.value) and "text file" in str(ei.value)


def test_open_document_applies_exif_orientation(tmp_path):
    im = Image.new("RGB", (300, 100), "white")
    im.paste((0, 0, 0), (0, 0, 50, 100))  # black band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    path = tmp_path / "photo.jpg"
    im.save(path, "JPEG", exif=exif.tobytes())
    with open_document(path) as doc:
        page = doc.page(0)
    assert (page.width_px, page.height_px) == (100, 300)
    # after a 90° clockwise turn the left band is at the top
    assert max(page.image.getpixel((50, 10))) < 60
    assert min(page.image.getpixel((50, 290))) > 200


@pytest.mark.parametrize(
    ("mode", "color", "expected"),
    [
        ("CMYK", (0, 0, 0, 255), (0, 0, 0)),
        ("CMYK", (0, 255, 255, 0), (255, 0, 0)),
        ("LA", (0, 0), (255, 255, 255)),  # fully transparent black over white
        ("RGBA", (255, 0, 0, 0), (255, 255, 255)),
        ("RGBA", (0, 0, 255, 255), (0, 0, 255)),
    ],
)
def test_open_document_converts_modes_to_rgb_with_alpha_over_white(
    tmp_path, mode, color, expected
):
    im = Image.new(mode, (40, 30), color)
    fmt = "TIFF" if mode == "CMYK" else "PNG"
    path = tmp_path / f"m.{fmt.lower()}"
    im.save(path, fmt)
    with open_document(path) as doc:
        px = doc.page(0).image.getpixel((5, 5))
    assert all(abs(a - b) <= 3 for a, b in zip(px, expected, strict=True)), px


def test_open_document_scales_16_bit_grey_instead_of_clipping(tmp_path):
    im = Image.new("I;16", (20, 20), 32768)  # mid grey in 16 bits
    path = tmp_path / "g16.png"
    im.save(path)
    with open_document(path) as doc:
        px = doc.page(0).image.getpixel((3, 3))
    assert 120 <= px[0] <= 135 and px[0] == px[1] == px[2]


def test_open_document_palette_with_transparency_goes_over_white(tmp_path):
    im = Image.new("P", (20, 20), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.info["transparency"] = 0
    path = tmp_path / "pal.gif"
    im.save(path, transparency=0)
    with open_document(path) as doc:
        assert doc.page(0).image.getpixel((1, 1)) == (255, 255, 255)


# ------------------------------------------------------------------ bad input
def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(DocumentNotFound) as ei:
        open_document(tmp_path / "nope.pdf")
    assert ei.value.code == "not_found"
    assert isinstance(ei.value, FileNotFoundError)
    assert "nope.pdf" in str(ei.value)


def test_empty_file_is_empty_file(tmp_path):
    p = tmp_path / "zero.png"
    p.write_bytes(b"")
    with pytest.raises(EmptyFile) as ei:
        open_document(p)
    assert ei.value.code == "empty_file" and "zero.png" in str(ei.value)


def test_docx_is_unsupported_type(tmp_path):
    p = tmp_path / "letter.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnsupportedDocument) as ei:
        open_document(p)
    assert ei.value.code == "unsupported_type"
    assert "Office" in str(ei.value)
    assert isinstance(ei.value, TypeError)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_image_is_corrupt_file(make_image, fmt):
    big = Image.effect_noise((400, 300), 60).convert("RGB")
    path = make_image(fmt, image=big)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument) as ei:
        open_document(path)
    assert ei.value.code == "corrupt_file"
    assert path.name in str(ei.value)


def test_pdf_with_a_broken_xref_and_no_recoverable_page_is_corrupt(tmp_path, make_pdf):
    data = make_pdf(["x"]).read_bytes()
    p = tmp_path / "broken.pdf"
    p.write_bytes(data[:40] + b"\nxref\n0 1\nthis is not a table\ntrailer<<>>\n%%EOF")
    with pytest.raises(CorruptDocument) as ei:
        open_document(p)
    assert ei.value.code == "corrupt_file"


def test_pdf_garbage_after_header_is_corrupt(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(CorruptDocument):
        open_document(p)


def test_pdf_whose_xref_offsets_are_wrong_is_repaired_with_a_warning(make_pdf, tmp_path):
    data = make_pdf(["a", "b"]).read_bytes()
    p = tmp_path / "offsets.pdf"
    p.write_bytes(data.replace(b"startxref", b"startxref\n999999\n%%", 1))
    with open_document(p) as doc:
        assert doc.page_count == 2
        assert "repaired" in doc.warnings
        assert doc.page(1).width_px > 0


def test_encrypted_pdf_needs_its_password(make_pdf):
    path = make_pdf(
        ["secret page"], encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw123", owner_pw="own"
    )
    with pytest.raises(EncryptedDocument) as ei:
        open_document(path)
    assert ei.value.code == "encrypted_pdf" and "--password" in str(ei.value)
    with pytest.raises(EncryptedDocument) as ei:
        open_document(path, password="wrong")
    assert "does not open" in str(ei.value)
    assert "wrong" not in str(ei.value)  # the password itself is never echoed
    with open_document(path, password="pw123") as doc:
        assert doc.page_count == 1


def test_pdf_without_pages_is_empty_document(make_pdf):
    with pytest.raises(EmptyDocument) as ei:
        open_document(make_pdf([]))
    assert ei.value.code == "empty_document"


def test_file_over_the_byte_limit_is_too_large(make_image):
    path = make_image("BMP")
    with pytest.raises(DocumentTooLarge) as ei:
        open_document(path, limits=DocumentLimits(max_bytes=1000))
    assert ei.value.code == "too_large" and ei.value.details["limit"] == 1000


def test_pdf_over_the_page_limit_is_too_large(make_pdf):
    with pytest.raises(DocumentTooLarge) as ei:
        open_document(make_pdf(["1", "2", "3"]), limits=DocumentLimits(max_pages=2))
    assert "3 pages" in str(ei.value)


def _png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge image (the IDAT is a few bytes)."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    p = tmp_path / "bomb.png"
    p.write_bytes(_png_bomb(60000, 60000))  # 3.6 gigapixels declared in ~100 bytes
    assert p.stat().st_size < 200
    with pytest.raises(DocumentTooLarge) as ei:
        open_document(p)
    assert ei.value.code == "too_large"


def test_pixel_limit_is_configurable(make_image):
    with pytest.raises(DocumentTooLarge):
        open_document(make_image("PNG"), limits=DocumentLimits(max_pixels=320 * 200 - 1))
    with open_document(make_image("PNG"), limits=DocumentLimits(max_pixels=320 * 200)) as doc:
        assert doc.page_count == 1


def test_a_poster_sized_pdf_page_renders_within_the_pixel_limit(tmp_path):
    doc = pymupdf.open()
    doc.new_page(width=72 * 40, height=72 * 40)  # 40 x 40 inches
    p = tmp_path / "poster.pdf"
    doc.save(p)
    with open_document(p, dpi=200, limits=DocumentLimits(max_pixels=4_000_000)) as d:
        page = d.page(0)
    assert page.width_px * page.height_px <= 4_000_000
    assert page.dpi < 200


def test_one_damaged_pdf_page_is_a_page_error_and_the_others_render(make_pdf, tmp_path):
    src = pymupdf.open(make_pdf(["one", "two", "three"]))
    src.update_object(src[1].xref, "null")
    p = tmp_path / "onebad.pdf"
    src.save(p)
    with open_document(p) as doc:
        assert doc.page_count == 3
        assert doc.page(0).width_px > 0
        with pytest.raises(PageError) as ei:
            doc.page(1)
        assert doc.page(2).width_px > 0
    assert ei.value.code == "page_error" and ei.value.page == 2


def test_permission_denied(make_image):
    path = make_image("PNG")
    if os.geteuid() != 0:
        path.chmod(0)
        with pytest.raises(DocumentPermissionDenied) as ei:
            open_document(path)
        assert ei.value.code == "permission_denied"
        return
    # root reads everything: check as an unprivileged user in a forked child (no exec, so
    # the interpreter's own location need not be readable by that user)
    path.chmod(0)
    path.parent.chmod(0o755)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        code = b"no error"
        try:
            os.setgid(65534)
            os.setuid(65534)
            open_document(path)
        except SpaceOcrError as e:
            code = e.code.encode()
        except BaseException as e:  # noqa: BLE001 - report anything to the parent
            code = repr(e).encode()
        os.write(write_fd, code)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        got = fh.read().decode()
    os.waitpid(pid, 0)
    assert got == "permission_denied"


def test_every_document_error_has_a_distinct_stable_code():
    classes = [
        DocumentNotFound, DocumentPermissionDenied, EmptyFile, UnsupportedDocument,
        CorruptDocument, EncryptedDocument, EmptyDocument, DocumentTooLarge, PageError,
    ]
    codes = [c.code for c in classes]
    assert codes == [
        "not_found", "permission_denied", "empty_file", "unsupported_type", "corrupt_file",
        "encrypted_pdf", "empty_document", "too_large", "page_error",
    ]
    assert all(issubclass(c, SpaceOcrError) for c in classes)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf junk %PDF-1.4", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"GIF89a", "gif"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"BM" + b"\x00" * 20, "bmp"),
        (b"PK\x03\x04", None),
        (b"hello", None),
    ],
)
def test_sniff_kind(head, kind):
    assert sniff_kind(head) == kind


def test_pages_are_rendered_lazily(make_pdf):
    with open_document(make_pdf([str(i) for i in range(5)])) as doc:
        it = doc.pages()
        first = next(it)
        assert first.index == 0  # nothing else was rendered to get here
        assert isinstance(io.BytesIO(), io.BytesIO)
