# The house style, in every page and in the embed: "2 November 2020" (Django's default for en is
# "Nov. 2, 2020"). Other formats are Django's.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
