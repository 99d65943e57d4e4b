"""Phrases for synthetic consultations (training sessions and benchmarks), in English and Khmer.

Invented for this project; they describe typical concerns, not real people.
"""

COMMENTS_EN = (
    "Our community has still not received a communal land title after four years of waiting.",
    "Local authorities should consult villagers before any concession is granted.",
    "Health services are far from the village and transport costs too much for poor families.",
    "Many children leave school early to help with farm work.",
    "Women do not feel safe reporting domestic violence to the commune police.",
    "We need more training on the land law and on how to file a complaint.",
    "Clean water is still scarce during the dry season.",
    "Birth registration has become easier since the mobile registration teams came.",
    "Journalists in the province are afraid to report on land disputes.",
    "The new health centre has improved maternal care, but it lacks midwives.",
    "Teachers are often absent because their salaries arrive late.",
    "Persons with disabilities cannot reach the district office: there is no ramp.",
)

COMMENTS_KM = (
    "សហគមន៍របស់យើងមិនទាន់ទទួលបានប័ណ្ណកម្មសិទ្ធិដីសមូហភាពនៅឡើយទេ ក្រោយរង់ចាំបួនឆ្នាំ។",
    "អាជ្ញាធរមូលដ្ឋានគួរពិគ្រោះយោបល់ជាមួយអ្នកភូមិ មុនពេលផ្តល់សម្បទានដីណាមួយ។",
    "សេវាសុខាភិបាលនៅឆ្ងាយពីភូមិ ហើយថ្លៃធ្វើដំណើរខ្ពស់ពេកសម្រាប់គ្រួសារក្រីក្រ។",
    "កុមារជាច្រើនឈប់រៀនមុនអាយុ ដើម្បីជួយការងារស្រែចម្ការ។",
    "ស្ត្រីមិនហ៊ានរាយការណ៍អំពីអំពើហិង្សាក្នុងគ្រួសារទៅប៉ុស្តិ៍នគរបាលឃុំទេ។",
    "យើងត្រូវការការបណ្តុះបណ្តាលបន្ថែមអំពីច្បាប់ភូមិបាល និងរបៀបដាក់ពាក្យបណ្តឹង។",
    "ទឹកស្អាតនៅតែខ្វះខាតក្នុងរដូវប្រាំង។",
    "ការចុះសំបុត្រកំណើតកាន់តែងាយស្រួល ចាប់តាំងពីក្រុមចុះបញ្ជីចល័តមកដល់។",
    "អ្នកសារព័ត៌មាននៅខេត្តខ្លាចរាយការណ៍អំពីវិវាទដីធ្លី។",
    "មណ្ឌលសុខភាពថ្មីបានធ្វើឱ្យការថែទាំមាតាប្រសើរឡើង ប៉ុន្តែខ្វះឆ្មប។",
    "គ្រូបង្រៀនច្រើនតែអវត្តមាន ព្រោះប្រាក់ខែមកយឺត។",
    "ជនមានពិការភាពមិនអាចចូលការិយាល័យស្រុកបាន ព្រោះគ្មានផ្លូវជម្រាល។",
)

QUOTES_KM = (
    "យើងចង់បានតែដីដែលដូនតាយើងរស់នៅ។",
    "ពេលយើងនិយាយ គ្មាននរណាស្តាប់ទេ។",
    "កូនៗរបស់ខ្ញុំត្រូវដើរប្រាំគីឡូម៉ែត្រទៅសាលា។",
    "យើងមិនប្រឆាំងនឹងការអភិវឌ្ឍទេ តែសូមសួរយើងជាមុនសិន។",
)

QUOTES_EN = (
    "We only want the land where our ancestors lived.",
    "When we speak, nobody listens.",
    "My children walk five kilometres to school.",
    "We are not against development, but ask us first.",
)

ACTIONS = (
    "Publish the list of pending land dispute cases every quarter.",
    "Train commune police on receiving complaints of gender-based violence.",
    "Send mobile birth-registration teams to border villages twice a year.",
    "Set up a provincial consultation committee that includes indigenous representatives.",
    "Fund ramps and accessible toilets in every district office.",
    "Pay teachers' salaries on time through the banking system.",
)

INSTITUTIONS = (
    "Ministry of Land Management, Urban Planning and Construction",
    "Ministry of Interior",
    "Ministry of Health",
    "Ministry of Education, Youth and Sport",
    "Ministry of Women's Affairs",
    "Ministry of Rural Development",
    "Cambodian Human Rights Committee",
    "Provincial Hall",
    "Commune council",
)

NOTE_TITLES = (
    ("Access to information", "ការទទួលបានព័ត៌មាន"),
    ("Climate and floods", "អាកាសធាតុ និងទឹកជំនន់"),
    ("Microfinance debt", "បំណុលមីក្រូហិរញ្ញវត្ថុ"),
    ("Migration to Thailand", "ការធ្វើចំណាកស្រុកទៅប្រទេសថៃ"),
)

DISTRICTS = ("Banlung", "Sen Monorom", "Koh Nheaek", "Ou Ya Dav", "Stueng Saen", "Samraong", "Kampong Siem",
             "Angkor Chum", "Thma Puok", "Bavel")
VENUES = ("Commune hall", "Pagoda meeting room", "Provincial Hall", "Community centre", "Village school")
ORGANISATIONS = ("Provincial Department of Women's Affairs; commune councils",
                 "Indigenous community network; village elders",
                 "Local human rights NGO; land community representatives; trade union",
                 "Youth association; disability organisation")
