# Armenian: Django ships a message catalogue for hy but no formats. Dates as Armenian publications
# write them, day, month in the genitive (format "E": our catalogue translates Django's
# "alt. month" names, conflictmap/formats/months.py), year and "թ." (year): "2 նոյեմբերի 2020 թ.".
DATE_FORMAT = "j E Y թ."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y թ., H:i"
YEAR_MONTH_FORMAT = "F Y թ."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
# 12 345,5 (the grouping space is a no-break space).
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
