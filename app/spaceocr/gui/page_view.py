"""The page view: a page image with a box for every value, zoom, pan and page switching.

The scene is in the page's pixels (the size the document was read at, ``page_sizes``); the
page is one pixmap item scaled to that size, so a sharper render on zoom replaces the pixmap
without moving a box. Boxes are polygons from each value's quad (tilted where the text is),
drawn with cosmetic pens so they keep their width at any zoom. A box knows only its field
id; hovering it emits :attr:`PageView.box_hovered`, clicking it :attr:`PageView.box_clicked`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QWidget,
)

logger = logging.getLogger(__name__)

ZOOM_STEP = 1.25
MIN_SCALE = 0.05
MAX_SCALE = 8.0


@dataclass(frozen=True, slots=True)
class BoxSpec:
    """One box to draw: a field id, its page, its quad (page-relative) and how sure it is."""

    field_id: str
    page_index: int
    points: tuple[tuple[float, float], ...]  #: tl, tr, br, bl, 0..1 of the page
    is_confident: bool
    tooltip: str = ""
    state: str = ""  #: what the clerk did: "", "confirmed" or "corrected"


class BoxStyle:
    """Pens and brushes: confident boxes thin green, boxes to check dashed orange, confirmed
    ones solid teal, corrected ones solid purple; the selected or hovered one thick blue."""

    @staticmethod
    def pen(is_confident: bool, is_highlighted: bool, state: str = "") -> QPen:
        if is_highlighted:
            # the selected value keeps its dashes while it still needs a look
            dashed = not is_confident and not state
            pen = QPen(
                QColor(20, 90, 230),
                3.5,
                Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
            )
        elif state == "corrected":
            pen = QPen(QColor(130, 50, 200), 2.5)
        elif state == "confirmed":
            pen = QPen(QColor(0, 120, 140), 2.5)
        elif is_confident:
            pen = QPen(QColor(0, 150, 70), 2.0)
        else:
            pen = QPen(QColor(235, 90, 0), 2.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    @staticmethod
    def brush(is_confident: bool, is_highlighted: bool, state: str = "") -> QBrush:
        if is_highlighted:
            return QBrush(QColor(20, 90, 230, 35))
        if state == "corrected":
            return QBrush(QColor(140, 60, 220, 45))
        if state == "confirmed":
            return QBrush(QColor(0, 140, 160, 40))
        if is_confident:
            return QBrush(QColor(0, 170, 80, 30))
        return QBrush(QColor(255, 140, 0, 55))


class BoxItem(QGraphicsPolygonItem):
    """A value's box on the page; it knows only its field id."""

    def __init__(self, spec: BoxSpec, page_w: float, page_h: float) -> None:
        poly = QPolygonF([QPointF(x * page_w, y * page_h) for x, y in spec.points])
        super().__init__(poly)
        self.field_id = spec.field_id
        self.is_confident = spec.is_confident
        self.state = spec.state
        self.is_highlighted = False
        self.setAcceptHoverEvents(True)
        self.setToolTip(spec.tooltip)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._apply_style()

    def set_highlighted(self, on: bool) -> None:
        """Draw the box as the hovered/selected one (or back to its plain style)."""
        if on != self.is_highlighted:
            self.is_highlighted = on
            self._apply_style()

    def _apply_style(self) -> None:
        self.setPen(BoxStyle.pen(self.is_confident, self.is_highlighted, self.state))
        self.setBrush(BoxStyle.brush(self.is_confident, self.is_highlighted, self.state))
        self.setZValue(3 if self.is_highlighted else (1 if self.is_confident else 2))

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        scene = self.scene()
        if isinstance(scene, PageScene):
            scene.box_hovered.emit(self.field_id)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        scene = self.scene()
        if isinstance(scene, PageScene):
            scene.box_hovered.emit("")
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            scene = self.scene()
            if isinstance(scene, PageScene):
                scene.box_clicked.emit(self.field_id)
            event.accept()
            return
        super().mousePressEvent(event)


class PageScene(QGraphicsScene):
    """The scene of one page; its boxes report hover and clicks through these signals."""

    box_hovered = Signal(str)
    box_clicked = Signal(str)


class PageView(QGraphicsView):
    """Shows one page of a document with its boxes; zoom, pan, page switching."""

    box_hovered = Signal(str)  #: field id, or "" when the pointer left a box
    box_clicked = Signal(str)
    page_changed = Signal(int)  #: the page shown now (0-based); render it
    page_drawn = Signal(int)  #: a page image arrived and is on screen
    sharper_render_wanted = Signal(int, float)  #: page, pixels per scene unit wanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = PageScene(self)
        self.setScene(self._scene)
        self._scene.box_hovered.connect(self._on_scene_box_hovered)
        self._scene.box_clicked.connect(self.box_clicked)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QBrush(QColor(110, 110, 115)))
        self.setMouseTracking(True)
        # a scroll bar that comes and goes with the fit would change the width it fits to,
        # and each resize would refit: keep the vertical one, so fitting the width is stable
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._fitting = False
        self._page_sizes: tuple[tuple[int, int], ...] = ()
        self._page_count = 0
        self._boxes: dict[int, list[BoxSpec]] = {}
        self._items: dict[str, BoxItem] = {}
        self._page_of: dict[str, int] = {}
        self._current = -1
        self._selected = ""
        self._hovered = ""
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._paper: QGraphicsRectItem | None = None
        self._density = 0.0  #: pixmap pixels per scene unit on the current page
        self._density_capped = False
        self._fit_mode: str | None = "width"
        self._sharpen_timer = QTimer(self)
        self._sharpen_timer.setSingleShot(True)
        self._sharpen_timer.setInterval(200)
        self._sharpen_timer.timeout.connect(self._maybe_want_sharper)

    # ----------------------------------------------------------------- document and pages
    @property
    def current_page(self) -> int:
        return self._current

    @property
    def page_count(self) -> int:
        return self._page_count

    @property
    def selected_field(self) -> str:
        return self._selected

    @property
    def hovered_field(self) -> str:
        return self._hovered

    def box_item(self, fid: str) -> BoxItem | None:
        """The box of ``fid`` on the page shown now (None when on another page or absent)."""
        return self._items.get(fid)

    def box_items(self) -> tuple[BoxItem, ...]:
        """The boxes on the page shown now."""
        return tuple(self._items.values())

    def set_document(
        self,
        page_count: int,
        page_sizes: Sequence[tuple[int, int]] = (),
        boxes: Sequence[BoxSpec] = (),
    ) -> None:
        """Show a document's first page; ``page_sizes`` is in pixels as it was read."""
        self._page_count = page_count
        self._page_sizes = tuple(page_sizes)
        self._boxes = {}
        self._page_of = {}
        for b in boxes:
            self._boxes.setdefault(b.page_index, []).append(b)
            self._page_of[b.field_id] = b.page_index
        self._selected = ""
        self._hovered = ""
        self._current = -1
        self._fit_mode = "width"
        if page_count:
            self.show_page(0)
        else:
            self._clear_scene()

    def set_boxes(self, boxes: Sequence[BoxSpec]) -> None:
        """Replace every box (after an edit moved one) without leaving the page or the zoom."""
        self._boxes = {}
        self._page_of = {}
        for b in boxes:
            self._boxes.setdefault(b.page_index, []).append(b)
            self._page_of[b.field_id] = b.page_index
        for item in self._items.values():
            self._scene.removeItem(item)
        self._items = {}
        if self._current < 0:
            return
        w, h = self._page_size(self._current)
        for spec in self._boxes.get(self._current, ()):
            item = BoxItem(spec, w, h)
            item.set_highlighted(spec.field_id in (self._selected, self._hovered))
            self._scene.addItem(item)
            self._items[spec.field_id] = item

    def clear(self) -> None:
        """Show nothing."""
        self.set_document(0)

    def show_page(self, index: int) -> None:
        """Switch to page ``index``: its boxes at once, its image when it has been rendered."""
        if not 0 <= index < self._page_count:
            return
        if index == self._current:
            return
        self._current = index
        self._clear_scene()
        w, h = self._page_size(index)
        self._scene.setSceneRect(QRectF(0, 0, w, h))
        self._paper = self._scene.addRect(
            QRectF(0, 0, w, h), QPen(Qt.PenStyle.NoPen), QBrush(QColor(250, 250, 250))
        )
        self._paper.setZValue(-2)
        for spec in self._boxes.get(index, ()):
            item = BoxItem(spec, w, h)
            item.set_highlighted(spec.field_id in (self._selected, self._hovered))
            self._scene.addItem(item)
            self._items[spec.field_id] = item
        self._apply_fit()
        self.page_changed.emit(index)

    def next_page(self) -> None:
        """Show the next page, if any."""
        self.show_page(self._current + 1)

    def previous_page(self) -> None:
        """Show the previous page, if any."""
        self.show_page(self._current - 1)

    def set_page_image(self, index: int, image: QImage) -> None:
        """Put a rendered page image in place (ignored when another page is shown now)."""
        if index != self._current or image.isNull():
            return
        w, h = self._page_size(index)
        if not self._page_sizes or index >= len(self._page_sizes) or not self._page_sizes[index][0]:
            # size not known from a result yet: the first render defines the scene
            w, h = float(image.width()), float(image.height())
            self._scene.setSceneRect(QRectF(0, 0, w, h))
            if self._paper is not None:
                self._paper.setRect(QRectF(0, 0, w, h))
        density = image.width() / w if w else 1.0
        if self._pixmap_item is not None and density <= self._density * 1.05:
            self._density_capped = True  # the renderer cannot do sharper (a raster image)
        if self._pixmap_item is None:
            self._pixmap_item = QGraphicsPixmapItem()
            self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self._pixmap_item.setZValue(-1)
            self._scene.addItem(self._pixmap_item)
        if density > self._density or self._pixmap_item.pixmap().isNull():
            self._pixmap_item.setPixmap(QPixmap.fromImage(image))
            self._pixmap_item.setScale(1.0 / density if density else 1.0)
            self._density = density
        self._apply_fit()
        self.page_drawn.emit(index)

    def _page_size(self, index: int) -> tuple[float, float]:
        if 0 <= index < len(self._page_sizes) and self._page_sizes[index][0]:
            w, h = self._page_sizes[index]
            return float(w), float(h)
        rect = self._scene.sceneRect()
        if self._pixmap_item is not None and rect.width() > 0:
            return rect.width(), rect.height()
        return 1654.0, 2339.0  # A4 at 200 dpi until the page is known

    def _clear_scene(self) -> None:
        self._scene.clear()
        self._items = {}
        self._pixmap_item = None
        self._paper = None
        self._density = 0.0
        self._density_capped = False

    # ----------------------------------------------------------------- selection
    def select_field(self, fid: str) -> None:
        """Highlight ``fid``'s box, switching to its page and scrolling it into view."""
        old = self._items.get(self._selected)
        self._selected = fid
        if old is not None and old.field_id != self._hovered:
            old.set_highlighted(False)
        page = self._page_of.get(fid)
        if page is None:
            return
        if page != self._current:
            self.show_page(page)
        item = self._items.get(fid)
        if item is not None:
            item.set_highlighted(True)
            self.ensureVisible(item, 40, 40)

    def highlight_field(self, fid: str) -> None:
        """Highlight ``fid``'s box as hovered (from the table); "" clears the hover."""
        old = self._items.get(self._hovered)
        self._hovered = fid
        if old is not None and old.field_id != self._selected:
            old.set_highlighted(False)
        item = self._items.get(fid)
        if item is not None:
            item.set_highlighted(True)

    def page_of(self, fid: str) -> int | None:
        """The page of ``fid``'s box, or None when it has none."""
        return self._page_of.get(fid)

    def _on_scene_box_hovered(self, fid: str) -> None:
        self.highlight_field(fid)
        self.box_hovered.emit(fid)

    # ----------------------------------------------------------------- zoom and pan
    @property
    def zoom(self) -> float:
        """View pixels per scene unit (1.0 = the page at the resolution it was read)."""
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        """Zoom in (>1) or out (<1), keeping the point under the mouse in place."""
        new = min(max(self.zoom * factor, MIN_SCALE), MAX_SCALE)
        if self.zoom:
            f = new / self.zoom
            self.scale(f, f)
        self._fit_mode = None
        self._sharpen_timer.start()

    def zoom_in(self) -> None:
        """One zoom step in."""
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        """One zoom step out."""
        self.zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        """Scale the page to the view's width."""
        self._fit_mode = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        """Scale the whole page into the view."""
        self._fit_mode = "page"
        self._apply_fit()

    def _apply_fit(self) -> None:
        rect = self._scene.sceneRect()
        if self._fit_mode is None or rect.width() <= 0 or self._fitting:
            return
        self._fitting = True
        try:
            self._fit(rect)
        finally:
            self._fitting = False
        self._sharpen_timer.start()

    def _fit(self, rect: QRectF) -> None:
        vp = self.viewport().rect()
        if self._fit_mode == "page":
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            s = max(vp.width() - 8, 50) / rect.width()
            self.resetTransform()
            self.scale(s, s)
            self.centerOn(rect.center().x(), rect.top() + vp.height() / (2 * s))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def _maybe_want_sharper(self) -> None:
        if self._current < 0 or self._density_capped or self._pixmap_item is None:
            return
        wanted = min(self.zoom * self.devicePixelRatioF(), 2.0)
        if wanted > self._density * 1.2:
            self.sharper_render_wanted.emit(self._current, wanted)
