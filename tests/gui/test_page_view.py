"""The page view: boxes from vertices, styles, zoom, fit, pan, pages, sharper renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent

from spaceocr.gui.display import boxes_for
from spaceocr.gui.page_renderer import PageRenderer
from spaceocr.gui.page_view import PageView
from tests.gui.conftest import PAGE_PX, two_page_result


@pytest.fixture
def view(qtbot: Any) -> PageView:
    v = PageView()
    qtbot.addWidget(v)
    v.resize(700, 900)
    v.show()
    qtbot.waitExposed(v)
    r = two_page_result()
    v.set_document(2, r.page_sizes, boxes_for(r))
    return v


def test_boxes_are_drawn_from_the_vertices_on_their_page(view: PageView) -> None:
    assert {b.field_id for b in view.box_items()} == {"invoice_number", "vendor_name", "issue_date"}
    poly = view.box_item("invoice_number").polygon()
    w, h = PAGE_PX
    assert poly.at(0) == QPointF(0.1 * w, 0.1 * h)
    assert poly.at(2) == QPointF(0.3 * w, 0.13 * h)
    tilted = view.box_item("issue_date").polygon()
    assert tilted.at(0).y() != pytest.approx(tilted.at(1).y(), abs=1)  # the top edge slopes
    view.show_page(1)
    assert view.box_item("total") is not None
    assert view.box_item("line_items[0].amount") is not None
    assert view.box_item("invoice_number") is None


def test_confident_and_doubtful_boxes_look_different(view: PageView) -> None:
    ok = view.box_item("invoice_number")
    doubt = view.box_item("vendor_name")
    assert ok.pen().style() == Qt.PenStyle.SolidLine
    assert doubt.pen().style() == Qt.PenStyle.DashLine
    assert ok.pen().color() != doubt.pen().color()
    assert ok.pen().isCosmetic() and doubt.pen().isCosmetic()
    assert ok.toolTip() and "vendor_name" in doubt.toolTip()


def test_pixels_inside_boxes_show_their_style(view: PageView, qtbot: Any) -> None:
    view.fit_page()
    img = view.grab().toImage()

    def colour_at(fid: str) -> QColor:
        item = view.box_item(fid)
        centre = view.mapFromScene(item.polygon().boundingRect().center())
        return img.pixelColor(centre)

    ok, doubt = colour_at("invoice_number"), colour_at("vendor_name")
    if not (ok.green() > ok.red() and doubt.red() > doubt.blue() + 30):
        img.save(str(Path(qtbot._request.node.name + ".png")))  # for a person to look at
    assert ok.green() > ok.red()  # green tint inside a confident box
    assert doubt.red() > doubt.blue() + 30  # orange tint inside a box to check


def test_zoom_steps_and_ctrl_wheel_change_only_the_view(view: PageView) -> None:
    before = view.zoom
    poly = view.box_item("total") or view.box_item("invoice_number")
    scene_pts = poly.polygon()
    view.zoom_in()
    assert view.zoom == pytest.approx(before * 1.25)
    view.zoom_out()
    assert view.zoom == pytest.approx(before)
    event = QWheelEvent(
        QPointF(100, 100),
        view.mapToGlobal(QPointF(100, 100)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(event)
    assert view.zoom == pytest.approx(before * 1.25**2)
    assert poly.polygon() == scene_pts  # boxes stay put in the scene


def test_fit_width_and_fit_page(view: PageView) -> None:
    view.fit_page()
    vp = view.viewport().rect()
    scene = view.sceneRect()
    assert scene.height() * view.zoom <= vp.height() + 1
    view.fit_width()
    assert scene.width() * view.zoom == pytest.approx(vp.width() - 8, abs=2)


def test_page_switching_and_images_for_other_pages_ignored(view: PageView, qtbot: Any) -> None:
    pages: list[int] = []
    view.page_changed.connect(pages.append)
    view.next_page()
    assert view.current_page == 1 and pages == [1]
    view.next_page()
    assert view.current_page == 1  # no page 3
    img = QImage(PAGE_PX[0], PAGE_PX[1], QImage.Format.Format_RGB888)
    img.fill(QColor(200, 0, 0))
    with qtbot.assertNotEmitted(view.page_drawn):
        view.set_page_image(0, img)
    with qtbot.waitSignal(view.page_drawn):
        view.set_page_image(1, img)
    view.previous_page()
    assert view.current_page == 0


def test_select_field_switches_page_and_scrolls_to_the_box(view: PageView) -> None:
    view.zoom_by(3)
    view.select_field("total")
    assert view.current_page == 1
    item = view.box_item("total")
    assert item.is_highlighted
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(item.polygon().boundingRect().center())


def test_sharper_render_replaces_the_pixmap_without_moving_boxes(
    view: PageView, qtbot: Any
) -> None:
    low = QImage(PAGE_PX[0] // 2, PAGE_PX[1] // 2, QImage.Format.Format_RGB888)
    low.fill(QColor(255, 255, 255))
    view.set_page_image(0, low)
    pts = view.box_item("invoice_number").polygon()
    with qtbot.waitSignal(view.sharper_render_wanted, timeout=3000) as blocker:
        view.zoom_by(2.0)
    page, density = blocker.args
    assert page == 0 and density > 0.5
    sharp = QImage(PAGE_PX[0] * 2, PAGE_PX[1] * 2, QImage.Format.Format_RGB888)
    sharp.fill(QColor(255, 255, 255))
    view.set_page_image(0, sharp)
    item = next(i for i in view.scene().items() if hasattr(i, "pixmap"))
    assert item.pixmap().width() == PAGE_PX[0] * 2
    assert item.sceneBoundingRect().width() == pytest.approx(PAGE_PX[0])
    assert view.box_item("invoice_number").polygon() == pts


def test_renderer_delivers_only_the_newest_request(qtbot: Any, two_page_pdf: Path) -> None:
    renderer = PageRenderer(in_child_process=False)
    got: list[tuple[int, int]] = []
    renderer.rendered.connect(lambda _p, page, img: got.append((page, img.width())))
    try:
        renderer.request(two_page_pdf, 0, 72)
        renderer.request(two_page_pdf, 1, 72)
        with qtbot.waitSignal(
            renderer.rendered, timeout=10000, check_params_cb=lambda _p, page, _i: page == 1
        ):
            renderer.request(two_page_pdf, 1, 100)
        qtbot.wait(200)
        assert got == [(1, got[-1][1])]  # the two older requests were overtaken
        assert abs(got[-1][1] - PAGE_PX[0]) <= 1  # rendered at the newest request's dpi
    finally:
        renderer.shutdown()
