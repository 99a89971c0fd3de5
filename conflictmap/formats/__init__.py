"""Date and number formats that Django's own locale data lacks or that the house style changes
(settings.FORMAT_MODULE_PATH): looked up before django.conf.locale, one attribute at a time.

Templates write dates as `|date:"DATE_FORMAT"` so that each language gets its own order and
grammar: "2 November 2020", "2 ноября 2020 г.", "2 noyabr 2020", "2 նոյեմբերի 2020 թ.".
"""
