"""The catalog as a tree (part > section > theme > recommendation) with, per
recommendation, its SDGs and how many feedback entries the open consultation holds."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
IS_RECOMMENDATION_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE, SDGS, FEEDBACK = range(3)
_NOT_DISCUSSED = QBrush(QColor("#fff1c2"))



class _Node:
    __slots__ = ("parent", "children", "row", "key", "title", "title_km", "rec")

    def __init__(self, parent: "_Node | None", key: str, title: str = "", title_km: str = "",
                 rec: dict | None = None):
        self.parent = parent
        self.children: list[_Node] = []
        self.row = 0
        self.key = key
        self.title = title
        self.title_km = title_km
        self.rec = rec
        if parent is not None:
            self.row = len(parent.children)
            parent.children.append(self)


class RecommendationTreeModel(QAbstractItemModel):
    def __init__(self, headings: list[dict], recommendations: list[dict], parent=None):
        super().__init__(parent)
        self._headings = headings
        self._recommendations = recommendations
        self._counts: dict[str, int] = {}
        self._has_consultation = False
        self._language = "en"
        self._visible: set[str] | None = None
        self._leaves: dict[str, _Node] = {}
        self._root = _Node(None, "")
        self._build()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self._root = _Node(None, "")
        self._leaves = {}
        by_key = {h["key"]: h for h in self._headings}
        nodes: dict[str, _Node] = {}

        def heading_node(key: str) -> _Node:
            if key not in nodes:
                heading = by_key[key]
                parent = heading_node(heading["parent_key"]) if heading["parent_key"] else self._root
                nodes[key] = _Node(parent, key, heading["title"], heading["title_km"])
            return nodes[key]

        for rec in self._recommendations:
            if self._visible is not None and rec["code"] not in self._visible:
                continue
            self._leaves[rec["code"]] = _Node(heading_node(rec["heading_key"]), rec["code"], rec=rec)

    def set_filter(self, codes: set[str] | None) -> None:
        """Show only these recommendations (None: all), with the headings above them."""
        self.beginResetModel()
        self._visible = codes
        self._build()
        self.endResetModel()

    def set_catalog(self, headings: list[dict], recommendations: list[dict]) -> None:
        """Show another catalog (a consultation on another cycle's recommendations)."""
        self.beginResetModel()
        self._headings, self._recommendations, self._visible, self._counts = headings, recommendations, None, {}
        self._build()
        self.endResetModel()

    def set_counts(self, counts: dict[str, int], has_consultation: bool) -> None:
        self._counts = counts
        self._has_consultation = has_consultation
        # One signal per heading (its recommendations are adjacent rows), not one per row.
        parents: dict[int, list[_Node]] = {}
        for leaf in self._leaves.values():
            parents.setdefault(id(leaf.parent), []).append(leaf)
        for leaves in parents.values():
            first = min(leaves, key=lambda node: node.row)
            last = max(leaves, key=lambda node: node.row)
            self.dataChanged.emit(self.createIndex(first.row, FEEDBACK, first),
                                  self.createIndex(last.row, FEEDBACK, last))

    def set_language(self, language: str) -> None:
        self.beginResetModel()
        self._language = language
        self.endResetModel()

    # -- lookups -------------------------------------------------------------------
    def index_for_code(self, code: str) -> QModelIndex:
        leaf = self._leaves.get(code)
        return self.createIndex(leaf.row, TITLE, leaf) if leaf else QModelIndex()

    def codes_in_order(self) -> list[str]:
        return [rec["code"] for rec in self._recommendations
                if self._visible is None or rec["code"] in self._visible]

    def all_recommendations(self) -> list[dict]:
        return list(self._recommendations)

    def recommendation(self, code: str) -> dict | None:
        leaf = self._leaves.get(code)
        return leaf.rec if leaf else next((r for r in self._recommendations if r["code"] == code), None)

    # -- QAbstractItemModel --------------------------------------------------------
    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < 3:
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    # QAbstractItemModel.parent is also QObject.parent() (no argument): the stubs cannot say both.
    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer().parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = (QCoreApplication.translate("RecommendationTreeModel", "Recommendation"),
                       QCoreApplication.translate("RecommendationTreeModel", "SDGs"),
                       QCoreApplication.translate("RecommendationTreeModel", "Feedback"))
            return headers[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        rec = node.rec
        column = index.column()
        if role == CODE_ROLE:
            return rec["code"] if rec else None
        if role == IS_RECOMMENDATION_ROLE:
            return rec is not None
        if rec is None:
            if role == Qt.ItemDataRole.DisplayRole and column == TITLE:
                return node.title_km if self._language == "km" and node.title_km else node.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        text = rec["text_km"] if self._language == "km" and rec.get("text_km") else rec["text"]
        count = self._counts.get(rec["code"], 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return f"{rec['code']}  {text}"
            if column == SDGS:
                return " ".join(str(goal) for goal in rec["sdgs"])
            if column == FEEDBACK:
                return str(count) if self._has_consultation else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            sdgs = ", ".join(str(goal) for goal in rec["sdgs"])
            return f"{rec['code']}\n{rec['text']}\n\n{rec.get('text_km') or ''}\n\nSDG {sdgs}".strip()
        if role == Qt.ItemDataRole.BackgroundRole and column == FEEDBACK and self._has_consultation and not count:
            return _NOT_DISCUSSED
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TITLE:
            return f"{rec['code']} {text}"
        return None
