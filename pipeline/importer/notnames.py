"""Capitalised words a standfirst puts where a name could stand, which are nobody's name.

Kept apart from `pipeline.importer.standfirst` (which reads them) for the module's size.
"""

from __future__ import annotations

from pipeline.importer.wordlist import words

# Capitalised words that are places and offices, not people: they end a name run.
NOT_NAMES = words(
    "republic federation kingdom states united union emirates kyrgyz kyrgyzstan kazakh "
    "kazakhstan korea korean russia russian uzbekistan china chinese japan turkey turkish india "
    "germany france britain usa ministry affairs foreign embassy agency news extraordinary "
    "plenipotentiary excellency his her mr mr. mrs ms dr dr. the of h.e. seoul bishkek astana "
    "республики республика федерации кыргызстане кыргызстана кыргызской киргизии корея кореи "
    "россии казахстана казахстане узбекистана китая японии турции мид посольства чрезвычайный "
    "полномочный министерства бишкеке москве сеуле корея республикасынын кыргызстандагы "
    "кыргыз республикасынын россиянын казакстандын украины беларуси азербайджана армении грузии "
    "таджикистана туркменистана монголии сша великобритании германии франции италии "
    # Nouns of an office's name that a name run may swallow: `Division Olga Yaroshenko`.
    "division department office section bureau committee council service centre center "
    "institute university college school academy bank fund authority commission "
    "administration directorate press information security defence defense trade economy "
    "finance energy education health culture resources development relations cooperation "
    # Words that open a sentence with a capital and are nobody's name: `On Monday, ...`.
    "on in at last this that after before during monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october "
    "november december в во на по после понедельник вторник среду четверг пятницу субботу "
    "воскресенье"
)
