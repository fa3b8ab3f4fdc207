"""Words the local extractor knows beyond a template's own labels.

A template names the labels of *its* fields; reading a document also needs the labels of things
that are not fields (``Amount Paid``, ``お預り``, ``거스름돈``) so that a value search stops there,
document titles to skip when looking for a merchant name, and the vocabularies that recognise
a company, a job title, a payment method or an address.
"""

from __future__ import annotations

import re

__all__ = [
    "ADDRESS_HEADING_RE",
    "ADDRESS_RE",
    "COMPANY_RE",
    "CONTACT_RE",
    "CUSTOMER_SUFFIX_RE",
    "DELIVERY_HEADING_RE",
    "JOB_TITLE_RE",
    "LATIN_LANGS",
    "PAYMENT_WORDS",
    "POSTAL_TOWN_RE",
    "SALUTATION_RE",
    "STOP_LABELS",
    "TITLE_WORDS",
    "ZH_BUYER_MARKS",
    "ZH_SELLER_MARKS",
]

LATIN_LANGS = ("en", "de", "fr", "nl")

#: Labels that end a value search: totals that are not fields, payment lines, counters.
STOP_LABELS: tuple[str, ...] = (
    "お預り", "お預かり", "預り金", "お釣り", "お釣", "釣銭", "おつり", "値引", "割引", "点数",
    "合計点数",
    "買上点数", "電話", "TEL", "FAX",
    "받은금액", "받은 금액", "거스름돈", "잔돈", "할인", "승인번호", "카드번호", "대표자",
    "找零", "实收", "實收", "（大写）", "(大写)", "（大寫）", "大写", "大寫", "开票人", "開票人",
    "收款人", "复核", "校验码", "机器编号",
    "Amount Paid", "Paid", "Change", "Change Due", "Cash Tendered", "Tendered", "Rounding",
    "Rounding Adj", "Discount", "Total Qty", "Total Items", "Item(s)", "Items", "Qty(s)",
    "Total Quantity", "Deposit", "Tip", "Gratuity", "Balance Forward", "Previous Balance",
    "Phone", "Tel", "Fax", "Email", "E-mail",
    "Bereits bezahlt", "Anzahlung", "Rabatt", "Skonto", "Acompte", "Remise", "Déjà payé",
    "Korting", "Reeds betaald", "Steuerbasisbetrag", "Kundennummer", "Klantnummer",
    "Ordernummer", "Orderdatum", "Leistungsdatum", "Referenz", "Order #", "Order No",
    "Customer No", "Customer ID", "Account No", "SKU",
)

#: Document titles (not a merchant's name).
TITLE_WORDS: tuple[str, ...] = (
    "領収書", "領収証", "レシート", "請求書", "納品書", "見積書", "御見積書", "注文書", "発注書",
    "영수증", "청구서", "세금계산서", "거래명세서", "견적서", "납품서", "현금영수증", "카드영수증",
    "发票", "發票", "收据", "收據", "电子发票", "電子發票", "普通发票", "专用发票",
    "RECEIPT", "TAX INVOICE", "INVOICE", "SIMPLIFIED TAX INVOICE", "CASH RECEIPT", "SALES RECEIPT",
    "OFFICIAL RECEIPT", "PACKING SLIP", "DELIVERY NOTE", "QUOTATION", "QUOTE", "PURCHASE ORDER",
    "BILL", "CASH BILL", "RECHNUNG", "QUITTUNG", "LIEFERSCHEIN", "FACTURE", "REÇU",
    "BON DE LIVRAISON", "FACTUUR", "KASSABON", "PAKBON", "WELCOME", "THANK YOU",
)

COMPANY_RE = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|㈱|㈲|"
    r"주식회사|\(주\)|㈜|유한회사|"
    r"有限公司|股份有限公司|有限责任公司|有限責任公司|公司|集团|集團|"
    r"(?<![A-Za-z])(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|Company|GmbH|AG|KG|SE|"
    r"SARL|SAS|SA|S\.A|B\.V|BV|N\.V|NV|PLC|LLP|LP|Pty|Sdn\.?\s?Bhd|Bhd|S/B|Enterprise|Trading|"
    r"Traders|Holdings|Group|Industries|Consulting|Solutions|Systems|Software|Services|"
    r"Restaurant|Restoran|Store|Mart|Shop|Cafe|Café|Bakery|Pharmacy|Hardware|Supplies|"
    r"Logistics|Printworks|Design|Toys|"
    # German, French and Dutch forms: Versicherungsverein a.G., Verein e.V., Kaufmann e.K.
    r"OHG|KGaA|GbR|UG|mbH|SNC|EURL|SASU|VOF|CV)\b\.?|"
    r"(?<![A-Za-z])(?:a\.\s?G|e\.\s?V|e\.\s?K)\.|(?<![A-Za-z])(?-i:eG)\b",
    re.IGNORECASE,
)

CUSTOMER_SUFFIX_RE = re.compile(r"\s*(?:様|御中|殿|貴中|귀하|님|귀중)\s*$")

JOB_TITLE_RE = re.compile(
    r"代表取締役|取締役|社長|会長|部長|課長|係長|主任|室長|次長|支店長|店長|マネージャー|"
    r"ディレクター|エンジニア|デザイナー|コンサルタント|担当|専務|常務|執行役員|部|課|"
    r"대표이사|대표|이사|부장|차장|과장|대리|팀장|실장|사원|매니저|"
    r"总经理|經理|经理|总监|總監|主管|董事|"
    r"(?<![A-Za-z])(?:Manager|Engineer|Director|Head|Officer|Executive|President|CEO|CTO|CFO|COO|"
    r"Lead|Specialist|Consultant|Designer|Developer|Analyst|VP|Vice|Chief|Partner|Associate|"
    r"Coordinator|Administrator|Architect|Founder|Owner|Representative|Accountant|"
    r"Geschäftsführer|Leiter|Directeur|Gérant|Responsable|Directeur)(?![A-Za-z])",
)

PAYMENT_WORDS: tuple[str, ...] = (
    "クレジットカード", "クレジット", "現金", "交通系IC", "電子マネー", "QR決済", "PayPay",
    "デビット",
    "iD", "QUICPay", "楽天ペイ", "d払い",
    "신용카드", "체크카드", "현금", "카드", "계좌이체", "카카오페이", "삼성페이", "네이버페이",
    "微信支付", "支付宝", "现金", "現金", "银联", "信用卡",
    "Mastercard", "MasterCard", "VISA", "Visa", "AMEX", "American Express", "Amex", "Discover",
    "Debit Card", "Credit Card", "Debit", "Credit", "Cash", "Apple Pay", "Google Pay", "JCB",
    "Maestro", "EC-Karte", "Girocard", "Bar", "Carte bancaire", "Espèces", "Pin", "Contant",
)

ADDRESS_RE = re.compile(
    r"〒|[都道府県][^\s]{0,8}[市区町村郡]|[市区町村]\S*\d|丁目|番地|"
    r"[시도]\s?\S+[구군]|[구군]\s?\S+[로길동]|"
    r"[省市][^\s]{0,10}[区縣县路街]|路\d|号|"
    r"(?<![A-Za-z])(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Lane|Ln|Way|Suite|"
    r"Floor|Fl|Level|Unit|Blk|Block|Jalan|Jln|Lorong|Persiaran|Taman|Tmn|Seksyen|Kawasan|"
    r"Bandar|Lot|No\.|Straße|Strasse|str\.|Weg|Platz|Allee|Rue|Avenue|Bd|"
    r"Boulevard|Chemin|Place|Straat|Laan|Plein|Gracht)(?![A-Za-z])",
    re.IGNORECASE,
)

#: The vertical block markers of a Chinese VAT invoice: 购买方 (buyer) and 销售方 (seller).
ZH_BUYER_MARKS = frozenset("购購买買")
ZH_SELLER_MARKS = frozenset("销銷售")

#: A European postcode line with its town, the last line of a postal address:
#: ``12345 Musterstadt``, ``D-12345 Musterstadt``, ``1012 AB Amsterdam``, ``75008 Paris Cedex 08``.
POSTAL_TOWN_RE = re.compile(
    r"(?:[A-Z]{1,2}\s?-\s?)?\d{4,5}(?:\s?[A-Z]{2})?\s+[^\W\d_][^\d@:●•·|]{1,40}"
    r"(?:\s(?:Cedex|CEDEX)(?:\s\d{1,2})?)?"
)

#: The courtesy title that opens an addressee's name line (German "Herrn" is its dative form).
SALUTATION_RE = re.compile(
    r"(?:Herrn?|Frau|Familie|Fam\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Monsieur|Madame|Mademoiselle|"
    r"M\.|Mme\.?|Mlle\.?|Dhr\.?|Mevr\.?|De heer|Mevrouw)(?:\s+Dr\.?)?",
    re.IGNORECASE,
)

#: A heading over an address block that names whose address it is.
ADDRESS_HEADING_RE = re.compile(
    r"(?i)^(?:Firma|An|To|Aan|À|z\.\s?Hd\.?.*|Rechnungsadresse|Rechnungsanschrift|"
    r"Adresse de facturation|Billing address|Factuuradres|Anschrift|Adresse)\s*:?$"
)

#: A heading that makes the block under it a delivery address (a consignee, not the customer).
DELIVERY_HEADING_RE = re.compile(
    r"(?i)Adresse de livraison|Lieferadresse|Lieferanschrift|Warenempfänger|"
    r"Delivery address|Shipping address|Ship to|Afleveradres|Leveringsadres"
)

#: Contact and id lines: an address block with them is a company's letterhead, not a window.
CONTACT_RE = re.compile(
    r"(?i)(?<![^\W\d_])(?:tel|telefon|t[ée]l[ée]phone|phone|fax|mobil|e-?mail|courriel|www|http|"
    r"USt|VAT|TVA|BTW|IBAN|BIC|SIRET|Steuer-?Nr|HRB|HRA)(?![^\W\d_])|@|✉|☎"
)
