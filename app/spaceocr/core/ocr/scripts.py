"""Japanese pages: put back the Japanese form of kanji PP-OCR read as simplified Chinese.

PP-OCR's recogniser shares one dictionary between Chinese and Japanese, so on a Japanese page
``単`` can come back as ``单`` and ``産`` as ``產``. The characters mapped here are simplified or
traditional Chinese forms that Japanese text does not use (simplified radicals such as 讠 钅 纟
贝 车 门 页 马, and a few whole forms), each with the one Japanese form it stands for. A
character that is itself valid Japanese (机, 叶, 灯, 据, ...) is never mapped. The map is
applied only to a page with plenty of kana, that is, a Japanese page.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["JAPANESE_FORMS", "is_japanese_page", "japanese_form"]

_PAIRS = (
    "单単 产産 產産 实実 发発 东東 书書 时時 业業 务務 际際 动動 营営 团団 园園 围囲 图図 圆円 "
    "场場 报報 总総 过過 运運 进進 还還 达達 选選 远遠 连連 边辺 专専 为為 举挙 义義 乐楽 习習 "
    "买買 卖売 亚亜 优優 传伝 兴興 军軍 农農 决決 净浄 击撃 则則 刚剛 创創 剂剤 剧劇 "
    "劳労 势勢 华華 协協 卫衛 厅庁 历歴 压圧 县県 变変 听聴 启啓 响響 块塊 坏壊 执執 扩拡 扫掃 "
    "换換 损損 择択 挥揮 摄摂 敌敵 无無 显顕 术術 杀殺 权権 极極 构構 标標 样様 树樹 桥橋 检検 "
    "欢歓 气気 汉漢 泽沢 测測 济済 浓濃 满満 灵霊 热熱 爱愛 环環 现現 疗療 监監 盘盤 确確 础礎 "
    "种種 积積 稳穏 简簡 类類 节節 药薬 获獲 虑慮 补補 观観 觉覚 脑脳 龄齢 齐斉 严厳 "
    "临臨 亲親 侧側 债債 倾傾 冻凍 剑剣 劝勧 叹嘆 坚堅 扬揚 晓暁 毕畢 "
    # simplified radicals: 讠
    "订訂 认認 讨討 让譲 训訓 议議 记記 讲講 许許 论論 设設 访訪 证証 评評 识識 诉訴 词詞 试試 "
    "诚誠 话話 该該 详詳 语語 误誤 说説 请請 诸諸 课課 调調 谈談 谢謝 计計 读読 "
    # 钅
    "针針 钟鐘 钢鋼 钱銭 铁鉄 银銀 锁鎖 错錯 键鍵 镇鎮 "
    # 纟
    "纪紀 约約 级級 纯純 纲綱 纵縦 纳納 纸紙 线線 织織 终終 组組 细細 绍紹 经経 绘絵 给給 络絡 "
    "绝絶 统統 继継 绩績 维維 缘縁 编編 缩縮 练練 续続 结結 绿緑 红紅 "
    # 贝 车 门 页 马 鸟 鱼 饣 见
    "贝貝 负負 财財 责責 贤賢 败敗 货貨 质質 贩販 贫貧 购購 贯貫 贵貴 贷貸 贸貿 费費 资資 赏賞 "
    "赔賠 赞賛 车車 转転 轮輪 软軟 轻軽 载載 较較 输輸 门門 闭閉 问問 间間 闻聞 阅閲 页頁 顶頂 "
    "项項 顺順 须須 顾顧 预預 领領 频頻 题題 额額 颜顔 马馬 验験 鸟鳥 鱼魚 饭飯 饮飲 馆館 见見 "
    "规規 视視 览覧 "
    # 阝 辶 and others
    "阶階 陆陸 险険 隐隠 难難 违違 适適 递逓 遗遺 邮郵 邻隣 释釈 风風 飞飛 职職 罗羅 册冊"
)

#: simplified/traditional Chinese form -> the Japanese form it stands for
JAPANESE_FORMS: dict[str, str] = {p[0]: p[1] for p in _PAIRS.split() if len(p) == 2}


def _is_kana(ch: str) -> bool:
    o = ord(ch[0]) if ch else 0
    return 0x3041 <= o <= 0x3096 or 0x30A1 <= o <= 0x30FA


def _is_han(ch: str) -> bool:
    o = ord(ch[0]) if ch else 0
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def is_japanese_page(texts: Iterable[str]) -> bool:
    """True when kana make up a good share of the page's CJK characters (at least 10, 10 %)."""
    kana = han = 0
    for t in texts:
        for ch in t:
            if _is_kana(ch):
                kana += 1
            elif _is_han(ch):
                han += 1
    return kana >= 10 and kana >= 0.1 * (kana + han)


def japanese_form(ch: str) -> str:
    """The Japanese form of ``ch`` (``ch`` itself when it has none)."""
    return JAPANESE_FORMS.get(ch, ch)
