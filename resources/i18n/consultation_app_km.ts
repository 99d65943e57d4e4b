<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>AttachmentsDialog</name>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="52"/>
        <source>Attachments: %1</source>
        <translation>ឯកសារភ្ជាប់៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="53"/>
        <source>Attachments of every consultation</source>
        <translation>ឯកសារភ្ជាប់នៃការពិគ្រោះយោបល់ទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="54"/>
        <source>Photo (flip chart, meeting)</source>
        <translation>រូបថត (ក្រដាសផ្ទាំងធំ កិច្ចប្រជុំ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="54"/>
        <source>Signed consent form</source>
        <translation>ទម្រង់ការយល់ព្រមដែលបានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="55"/>
        <source>Attendance sheet</source>
        <translation>បញ្ជីវត្តមាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="55"/>
        <source>Audio recording</source>
        <translation>ការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="56"/>
        <source>Other</source>
        <translation>ផ្សេងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="59"/>
        <source>Kind</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="59"/>
        <source>Caption</source>
        <translation>ចំណងជើងរូប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="59"/>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="59"/>
        <source>Size</source>
        <translation>ទំហំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="60"/>
        <source>Sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="74"/>
        <source>&amp;Open</source>
        <translation>បើក (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="77"/>
        <source>&amp;Save as…</source>
        <translation>រក្សាទុកជា… (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="80"/>
        <source>Include sensitive ones and those outside consent</source>
        <translation>រួមទាំងឯកសាររសើប និងឯកសារក្រៅការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="82"/>
        <source>&amp;Export to folder…</source>
        <translation>នាំចេញទៅថត… (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="161"/>
        <source>sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="167"/>
        <source>No attachments.</source>
        <translation>គ្មានឯកសារភ្ជាប់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="192"/>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="215"/>
        <source>Not saved: %1</source>
        <translation>មិនបានរក្សាទុក៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="194"/>
        <source>Saved as %1</source>
        <translation>បានរក្សាទុកជា %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="202"/>
        <source>Save the attachment as</source>
        <translation>រក្សាទុកឯកសារភ្ជាប់ជា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="225"/>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="228"/>
        <source>Not exported: %1</source>
        <translation>មិនបាននាំចេញ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="230"/>
        <source>%1 files and index.json written into %2; %3 left out (sensitive or outside consent)</source>
        <translation>បានសរសេរឯកសារ %1 និង index.json ទៅក្នុង %2; %3 មិនបានដាក់ (រសើប ឬក្រៅការយល់ព្រម)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_dialog.py" line="236"/>
        <source>Where to create the attachments folder</source>
        <translation>ទីតាំងដែលត្រូវបង្កើតថតឯកសារភ្ជាប់</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="53"/>
        <source>Photos, scans and recordings</source>
        <translation>រូបថត ឯកសារស្កេន និងការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="58"/>
        <source>Photo (flip chart, meeting)</source>
        <translation>រូបថត (ក្រដាសផ្ទាំងធំ កិច្ចប្រជុំ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="58"/>
        <source>Signed consent form</source>
        <translation>ទម្រង់ការយល់ព្រមដែលបានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="59"/>
        <source>Attendance sheet</source>
        <translation>បញ្ជីវត្តមាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="59"/>
        <source>Audio recording</source>
        <translation>ការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="60"/>
        <source>Other</source>
        <translation>ផ្សេងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="75"/>
        <source>Sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="77"/>
        <source>Add files…</source>
        <translation>បន្ថែមឯកសារ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="81"/>
        <source>New files are</source>
        <translation>ឯកសារថ្មីជា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="86"/>
        <source>Or drop files here. Images, PDF scans and audio files are checked by their content; limits: images 25 MB, PDF 50 MB, audio 300 MB, 1 GB per consultation.</source>
        <translation>ឬទម្លាក់ឯកសារនៅទីនេះ។ រូបភាព ឯកសារស្កេន PDF និងឯកសារសំឡេង ត្រូវបានពិនិត្យតាមខ្លឹមសាររបស់វា។ ដែនកំណត់៖ រូបភាព 25 MB, PDF 50 MB, សំឡេង 300 MB, 1 GB ក្នុងមួយការពិគ្រោះយោបល់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="96"/>
        <source>Sensitive: stays on this laptop unless an export includes it</source>
        <translation>រសើប៖ រក្សាទុកនៅលើកុំព្យូទ័រនេះ លុះត្រាតែការនាំចេញរួមបញ្ចូលវា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="100"/>
        <source>Caption</source>
        <translation>ចំណងជើងរូប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="101"/>
        <source>Kind</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="149"/>
        <source>sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message numerus="yes">
        <location filename="../../consultation_app/ui/attachments_panel.py" line="188"/>
        <source>Adding %n file(s)…</source>
        <translation>
            <numerusform>កំពុងបន្ថែមឯកសារ %n…</numerusform>
            <numerusform>កំពុងបន្ថែមឯកសារ %n…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="199"/>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="209"/>
        <source>Not added: %1</source>
        <translation>មិនបានបន្ថែម៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="215"/>
        <source>Cancelled: the file being added was not stored.</source>
        <translation>បានបោះបង់៖ ឯកសារដែលកំពុងបន្ថែមមិនត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="220"/>
        <source>Add photos, scans or recordings</source>
        <translation>បន្ថែមរូបថត ឯកសារស្កេន ឬការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="221"/>
        <source>Images, PDF scans and audio (%1);;All files (*)</source>
        <translation>រូបភាព ឯកសារស្កេន PDF និងសំឡេង (%1);;ឯកសារទាំងអស់ (*)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/attachments_panel.py" line="234"/>
        <source>Not changed: %1</source>
        <translation>មិនបានផ្លាស់ប្តូរ៖ %1</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../consultation_app/ui/background.py" line="64"/>
        <source>This could not be done because of a fault in the app (%1). The details are in the log.</source>
        <translation>មិនអាចធ្វើបានទេ ដោយសារកំហុសនៅក្នុងកម្មវិធី (%1)។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/background.py" line="154"/>
        <source>Not done</source>
        <translation>មិនបានធ្វើទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/background.py" line="164"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/background.py" line="165"/>
        <source>Please wait</source>
        <translation>សូមរង់ចាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/background.py" line="186"/>
        <source>Cancelling…</source>
        <translation>កំពុងបោះបង់…</translation>
    </message>
</context>
<context>
    <name>CatalogImportDialog</name>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="128"/>
        <source>Reading the file…</source>
        <translation>កំពុងអានឯកសារ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="154"/>
        <source>The file could not be read: %1</source>
        <translation>មិនអាចអានឯកសារបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="48"/>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="101"/>
        <source>Import a catalog of recommendations</source>
        <translation>នាំចូលបញ្ជីអនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="51"/>
        <source>Catalog file</source>
        <translation>ឯកសារបញ្ជីអនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="52"/>
        <source>Browse…</source>
        <translation>រកមើល…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="58"/>
        <source>Recognise from the file</source>
        <translation>ស្គាល់ពីឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="62"/>
        <source>e.g. Cambodia (all countries when empty)</source>
        <translation>ឧ. Cambodia (គ្រប់ប្រទេស ប្រសិនបើទុកទទេ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="65"/>
        <source>any cycle</source>
        <translation>គ្រប់វដ្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="67"/>
        <source>e.g. UPR (all bodies when empty)</source>
        <translation>ឧ. UPR (គ្រប់ស្ថាប័ន ប្រសិនបើទុកទទេ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="68"/>
        <source>Import the other rows when some rows cannot be read</source>
        <translation>នាំចូលជួរផ្សេងទៀត នៅពេលជួរខ្លះមិនអាចអានបាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="70"/>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="71"/>
        <source>Format</source>
        <translation>ទម្រង់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="72"/>
        <source>Country</source>
        <translation>ប្រទេស</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="73"/>
        <source>UPR cycle</source>
        <translation>វដ្ត UPR</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="74"/>
        <source>Recommending body</source>
        <translation>ស្ថាប័នផ្ដល់អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="79"/>
        <source>Preview</source>
        <translation>មើលជាមុន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="80"/>
        <source>Choose a file, then Preview: nothing is imported before you press Import.</source>
        <translation>ជ្រើសរើសឯកសារ រួចចុច មើលជាមុន៖ គ្មានអ្វីត្រូវបាននាំចូលទេ មុនពេលអ្នកចុច នាំចូល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="83"/>
        <source>&amp;Preview</source>
        <translation>មើលជាមុន (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="84"/>
        <source>&amp;Import</source>
        <translation>នាំចូល (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="86"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="102"/>
        <source>Catalogs (*.xlsx *.json *.csv)</source>
        <translation>បញ្ជីអនុសាសន៍ (*.xlsx *.json *.csv)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="125"/>
        <source>Choose a file first.</source>
        <translation>សូមជ្រើសរើសឯកសារជាមុនសិន។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="162"/>
        <source>Catalog: %1 (%2), version %3</source>
        <translation>បញ្ជីអនុសាសន៍៖ %1 (%2) កំណែ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="164"/>
        <source>Format: %1. Rows read: %2. Recommendations: %3.</source>
        <translation>ទម្រង់៖ %1។ ជួរដែលបានអាន៖ %2។ អនុសាសន៍៖ %3។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="167"/>
        <source>A new catalog will be created with %1 recommendations.</source>
        <translation>បញ្ជីអនុសាសន៍ថ្មីមួយនឹងត្រូវបង្កើតឡើង ដែលមានអនុសាសន៍ %1។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="170"/>
        <source>This catalog is already loaded with the same content: nothing to import.</source>
        <translation>បញ្ជីអនុសាសន៍នេះត្រូវបានផ្ទុករួចហើយ ដោយមានខ្លឹមសារដូចគ្នា៖ គ្មានអ្វីត្រូវនាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="172"/>
        <source>Version %1 will be updated to %2: %3 new, %4 changed, %5 retired. Feedback is not touched.</source>
        <translation>កំណែ %1 នឹងត្រូវធ្វើបច្ចុប្បន្នភាពទៅ %2៖ ថ្មី %3 បានកែប្រែ %4 ដកចេញ %5។ មតិយោបល់មិនត្រូវបានប៉ះពាល់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="177"/>
        <source>Signed by the central office.</source>
        <translation>បានចុះហត្ថលេខាដោយការិយាល័យកណ្ដាល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="178"/>
        <source>Not signed: an edited or hand-made catalog workbook.</source>
        <translation>មិនបានចុះហត្ថលេខា៖ សៀវភៅបញ្ជីអនុសាសន៍ដែលបានកែប្រែ ឬធ្វើដោយដៃ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="180"/>
        <source>Left out: %1 row(s): %2</source>
        <translation>មិនបានយក៖ %1 ជួរ៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="182"/>
        <source>%1 row(s) cannot be read and will be skipped:</source>
        <translation>%1 ជួរមិនអាចអានបាន ហើយនឹងត្រូវរំលង៖</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="184"/>
        <source>  row %1: %2</source>
        <translation>  ជួរ %1៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/catalog_import_dialog.py" line="197"/>
        <source>Imported: catalog %1, version %2, %3 recommendations.</source>
        <translation>បាននាំចូល៖ បញ្ជីអនុសាសន៍ %1 កំណែ %2 អនុសាសន៍ %3។</translation>
    </message>
</context>
<context>
    <name>CentralOffice</name>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="97"/>
        <location filename="../../consultation_app/ui/central_window.py" line="111"/>
        <source>&amp;Write a report (PDF, Excel or Word)…</source>
        <translation>សរសេររបាយការណ៍ (PDF, Excel ឬ Word)… (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="120"/>
        <source>PDF to print (*.pdf);;Excel workbook with charts (*.xlsx);;Word draft of the mid-term report (*.docx)</source>
        <translation>PDF សម្រាប់បោះពុម្ព (*.pdf);;ឯកសារ Excel មានក្រាហ្វិក (*.xlsx);;សេចក្តីព្រាងរបាយការណ៍ពាក់កណ្តាលអាណត្តិជា Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="242"/>
        <source>Not written: %1</source>
        <translation>មិនបានសរសេរ៖ %1</translation>
    </message>
    <message>
        <source>&amp;Write a report (PDF or Excel)…</source>
        <translation type="vanished">សរសេររបាយការណ៍ (PDF ឬ Excel)… (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="98"/>
        <location filename="../../consultation_app/ui/central_window.py" line="113"/>
        <source>&amp;Master export of everything merged…</source>
        <translation>ការនាំចេញសរុបនៃអ្វីៗទាំងអស់ដែលបានបញ្ចូលគ្នា… (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="104"/>
        <source>Merge receipt &amp;for a field device…</source>
        <translation>បង្កាន់ដៃបញ្ចូលគ្នាសម្រាប់ឧបករណ៍នៅមូលដ្ឋាន… (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="119"/>
        <source>Write a report</source>
        <translation>សរសេររបាយការណ៍</translation>
    </message>
    <message>
        <source>PDF to print (*.pdf);;Excel workbook with charts (*.xlsx)</source>
        <translation type="vanished">PDF សម្រាប់បោះពុម្ព (*.pdf);;ឯកសារ Excel មានក្រាហ្វិក (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="125"/>
        <source>Writing the report…</source>
        <translation>កំពុងសរសេររបាយការណ៍…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="128"/>
        <source>Report written: %1</source>
        <translation>បានសរសេររបាយការណ៍រួចហើយ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="135"/>
        <source>Write the master export</source>
        <translation>សរសេរការនាំចេញសរុប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="136"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>ឯកសារ Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="141"/>
        <source>Writing the master export…</source>
        <translation>កំពុងសរសេរការនាំចេញសរុប…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="144"/>
        <source>Master export written: %1</source>
        <translation>បានសរសេរការនាំចេញសរុបរួចហើយ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="192"/>
        <location filename="../../consultation_app/ui/central_office.py" line="198"/>
        <source>Merge receipt</source>
        <translation>បង្កាន់ដៃបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="193"/>
        <source>No field device&apos;s export has been merged here yet: there is nothing to confirm.</source>
        <translation>មិនទាន់មានការនាំចេញពីឧបករណ៍នៅមូលដ្ឋានណាមួយត្រូវបានបញ្ចូលគ្នានៅទីនេះនៅឡើយទេ៖ គ្មានអ្វីត្រូវបញ្ជាក់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="199"/>
        <source>Which field device is the receipt for?</source>
        <translation>បង្កាន់ដៃនេះសម្រាប់ឧបករណ៍នៅមូលដ្ឋានមួយណា?</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="204"/>
        <source>Write a merge receipt</source>
        <translation>សរសេរបង្កាន់ដៃបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="205"/>
        <source>Merge receipts (*.json)</source>
        <translation>បង្កាន់ដៃបញ្ចូលគ្នា (*.json)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="209"/>
        <source>Writing the merge receipt…</source>
        <translation>កំពុងសរសេរបង្កាន់ដៃបញ្ចូលគ្នា…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="211"/>
        <source>Merge receipt written for %1: %2</source>
        <translation>បានសរសេរបង្កាន់ដៃបញ្ចូលគ្នាសម្រាប់ %1 រួចហើយ៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="231"/>
        <source>Cancelled: nothing was written; the file that was there is unchanged.</source>
        <translation>បានបោះបង់៖ គ្មានអ្វីត្រូវបានសរសេរទេ ហើយឯកសារដែលមាននៅទីនោះពីមុន មិនបានផ្លាស់ប្តូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="245"/>
        <source>Not written</source>
        <translation>មិនបានសរសេរទេ</translation>
    </message>
</context>
<context>
    <name>CentralWindow</name>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="159"/>
        <source>&amp;Reports</source>
        <translation>របាយការណ៍ (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="86"/>
        <source>UPR consultations — central office on %1</source>
        <translation>ការពិគ្រោះយោបល់ UPR — ការិយាល័យកណ្តាលនៅលើ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="88"/>
        <source>Central office database on the PostgreSQL server %1</source>
        <translation>មូលដ្ឋានទិន្នន័យការិយាល័យកណ្តាលនៅលើម៉ាស៊ីនមេ PostgreSQL %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="98"/>
        <source>Field capture (editing consultations, exporting field workbooks) is not offered on the server: it is done on the field laptops, each with its own data folder, whose exports are merged here.</source>
        <translation>ការកត់ត្រានៅមូលដ្ឋាន (កែសម្រួលការពិគ្រោះយោបល់ នាំចេញឯកសារ Excel ពីមូលដ្ឋាន) មិនមាននៅលើម៉ាស៊ីនមេទេ៖ វាត្រូវធ្វើនៅលើកុំព្យូទ័រយួរដៃនៅមូលដ្ឋាន ដែលនីមួយៗមានថតទិន្នន័យផ្ទាល់ខ្លួន ហើយឯកសារនាំចេញរបស់វាត្រូវបញ្ចូលគ្នានៅទីនេះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="103"/>
        <source>Central office</source>
        <translation>ការិយាល័យកណ្តាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="107"/>
        <source>&amp;Import field workbooks…</source>
        <translation>នាំចូលឯកសារ Excel ពីមូលដ្ឋាន (&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="108"/>
        <source>Review merge &amp;conflicts…</source>
        <translation>ពិនិត្យភាពផ្ទុយគ្នានៃការបញ្ចូលគ្នា (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="109"/>
        <location filename="../../consultation_app/ui/central_window.py" line="162"/>
        <source>&amp;Dashboard…</source>
        <translation>ផ្ទាំងសង្ខេប (&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="110"/>
        <source>Implementation &amp;status…</source>
        <translation>ស្ថានភាពអនុវត្ត… (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="143"/>
        <source>Server: %1</source>
        <translation>ម៉ាស៊ីនមេ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="155"/>
        <source>&amp;File</source>
        <translation>ឯកសារ (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="158"/>
        <source>&amp;Quit</source>
        <translation>ចាកចេញ (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="161"/>
        <source>&amp;View</source>
        <translation>មើល (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="vanished">ភាសា (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_window.py" line="174"/>
        <source>%1 consultations, %2 feedback entries, %3 conflicts waiting for review.</source>
        <translation>ការពិគ្រោះយោបល់ %1 មតិយោបល់ %2 ភាពផ្ទុយគ្នា %3 កំពុងរង់ចាំការពិនិត្យ។</translation>
    </message>
</context>
<context>
    <name>CloneQuestion</name>
    <message>
        <location filename="../../consultation_app/ui/identity_dialog.py" line="18"/>
        <source>Copied from another laptop?</source>
        <translation>ចម្លងពីកុំព្យូទ័រយួរដៃផ្សេងមែនទេ?</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/identity_dialog.py" line="19"/>
        <source>This data folder was set up on another computer or user account. If this laptop&apos;s disk or data folder was copied from another laptop, both now share one identity and the central office cannot tell their work apart.</source>
        <translation>ថតទិន្នន័យនេះត្រូវបានរៀបចំនៅលើកុំព្យូទ័រ ឬគណនីអ្នកប្រើផ្សេង។ ប្រសិនបើថាស ឬថតទិន្នន័យរបស់កុំព្យូទ័រយួរដៃនេះ ត្រូវបានចម្លងពីកុំព្យូទ័រយួរដៃផ្សេង នោះទាំងពីរឥឡូវនេះប្រើអត្តសញ្ញាណតែមួយ ហើយការិយាល័យកណ្តាលមិនអាចបែងចែកការងាររបស់ពួកវាបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/identity_dialog.py" line="23"/>
        <source>Make this laptop a new device: it gets its own identity and signing key. Every record and its history stay on it; the central office sees a new device at its next export.</source>
        <translation>ធ្វើឱ្យកុំព្យូទ័រយួរដៃនេះក្លាយជាឧបករណ៍ថ្មី៖ វានឹងទទួលបានអត្តសញ្ញាណ និងកូនសោចុះហត្ថលេខាផ្ទាល់ខ្លួន។ រាល់កំណត់ត្រា និងប្រវត្តិរបស់វានៅតែមាននៅលើវា។ ការិយាល័យកណ្តាលនឹងឃើញឧបករណ៍ថ្មីមួយ នៅពេលនាំចេញលើកក្រោយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/identity_dialog.py" line="28"/>
        <source>Make this a &amp;new device</source>
        <translation>ធ្វើឱ្យក្លាយជាឧបករណ៍ថ្មី (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/identity_dialog.py" line="30"/>
        <source>This is the &amp;same computer</source>
        <translation>នេះជាកុំព្យូទ័រដដែល (&amp;S)</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="176"/>
        <source>Implementation status</source>
        <translation>ស្ថានភាពអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="248"/>
        <source>Why it waits for you: %1</source>
        <translation>មូលហេតុដែលវារង់ចាំអ្នក៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="72"/>
        <source>Review merge conflicts</source>
        <translation>ពិនិត្យភាពផ្ទុយគ្នានៃការបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="78"/>
        <source>The same record came back from two places at the same revision with different content. Both versions were kept; choose the one that stays.</source>
        <translation>កំណត់ត្រាតែមួយបានត្រឡប់មកវិញពីកន្លែងពីរ នៅការកែប្រែលើកទីដូចគ្នា តែមានខ្លឹមសារខុសគ្នា។ កំណែទាំងពីរត្រូវបានរក្សាទុក។ សូមជ្រើសរើសកំណែមួយដែលត្រូវប្រើបន្ត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="84"/>
        <source>Open conflicts</source>
        <translation>ភាពផ្ទុយគ្នាដែលមិនទាន់ដោះស្រាយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="90"/>
        <source>Show only the fields that differ</source>
        <translation>បង្ហាញតែវាលដែលខុសគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="93"/>
        <source>Current and incoming versions, field by field</source>
        <translation>កំណែបច្ចុប្បន្ន និងកំណែចូលមក តាមវាលនីមួយៗ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="94"/>
        <source>Field</source>
        <translation>វាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="94"/>
        <source>Current (kept here)</source>
        <translation>បច្ចុប្បន្ន (រក្សាទុកនៅទីនេះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="95"/>
        <source>Incoming (from the file)</source>
        <translation>ចូលមក (ពីឯកសារ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="109"/>
        <source>&amp;Keep current</source>
        <translation>រក្សាកំណែបច្ចុប្បន្ន (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="110"/>
        <source>The version held here stays; the incoming one is set aside</source>
        <translation>កំណែដែលមាននៅទីនេះនៅដដែល ហើយកំណែចូលមកត្រូវដាក់មួយឡែក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="112"/>
        <source>&amp;Take incoming</source>
        <translation>យកកំណែចូលមក (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="113"/>
        <source>The version from the file replaces the one held here</source>
        <translation>កំណែពីឯកសារជំនួសកំណែដែលមាននៅទីនេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="115"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="165"/>
        <source>%1 conflict(s) to review</source>
        <translation>មានភាពផ្ទុយគ្នា %1 ត្រូវពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="166"/>
        <source>No conflicts left to review.</source>
        <translation>លែងមានភាពផ្ទុយគ្នាត្រូវពិនិត្យទៀតហើយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="168"/>
        <source>(%1 resolved now)</source>
        <translation>(ទើបដោះស្រាយ %1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="175"/>
        <source>Consultation</source>
        <translation>ការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="175"/>
        <source>Feedback</source>
        <translation>មតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="176"/>
        <source>Note</source>
        <translation>កំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="181"/>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="186"/>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="214"/>
        <source>(untitled)</source>
        <translation>(គ្មានចំណងជើង)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="197"/>
        <source>revision %1 · found %2</source>
        <translation>ការកែប្រែលើកទី %1 · រកឃើញនៅ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="207"/>
        <source>deleted</source>
        <translation>បានលុប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="207"/>
        <source>not deleted</source>
        <translation>មិនបានលុប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="216"/>
        <source>Yes</source>
        <translation>មែន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="216"/>
        <source>No</source>
        <translation>មិនមែន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="232"/>
        <source>Nothing to review: every merged record agrees.</source>
        <translation>គ្មានអ្វីត្រូវពិនិត្យទេ៖ រាល់កំណត់ត្រាដែលបានបញ្ចូលគ្នាស៊ីគ្នាទាំងអស់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="239"/>
        <source>%1 “%2”, revision %3. The incoming version came from %4 (export %5); fields that differ: %6.</source>
        <translation>%1 “%2” ការកែប្រែលើកទី %3។ កំណែចូលមកបានមកពី %4 (ការនាំចេញ %5)។ ចំនួនវាលដែលខុសគ្នា៖ %6។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="250"/>
        <source>Record id %1</source>
        <translation>លេខសម្គាល់កំណត់ត្រា %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="266"/>
        <source>(not held)</source>
        <translation>(មិនមាននៅទីនេះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="318"/>
        <source>Someone else decided this conflict meanwhile; the list is up to date again.</source>
        <translation>មាននរណាម្នាក់ផ្សេងបានសម្រេចលើទំនាស់នេះរួចហើយ។ បញ្ជីត្រូវបានធ្វើឱ្យទាន់សម័យឡើងវិញ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="325"/>
        <source>Took the incoming version.</source>
        <translation>បានយកកំណែចូលមក។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/conflicts_dialog.py" line="326"/>
        <source>Kept the current version.</source>
        <translation>បានរក្សាកំណែបច្ចុប្បន្ន។</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="40"/>
        <source>Consent: what the people consulted agreed to</source>
        <translation>ការយល់ព្រម៖ អ្វីដែលអ្នកចូលរួមពិគ្រោះយោបល់បានយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="47"/>
        <source>Verbal</source>
        <translation>ដោយផ្ទាល់មាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="47"/>
        <source>Written (signed form)</source>
        <translation>ជាលាយលក្ខណ៍អក្សរ (ទម្រង់បែបបទដែលបានចុះហត្ថលេខា)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="48"/>
        <source>No consent given</source>
        <translation>មិនបានផ្តល់ការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="49"/>
        <source>Nobody: quotes are anonymous</source>
        <translation>គ្មាននរណាម្នាក់៖ សម្រង់សម្តីជាអនាមិក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="49"/>
        <source>The stakeholder group</source>
        <translation>ក្រុមភាគីពាក់ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="50"/>
        <source>The organisation</source>
        <translation>អង្គការ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="50"/>
        <source>The person, by name</source>
        <translation>បុគ្គលនោះ ដោយបញ្ជាក់ឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="51"/>
        <source>The field team only (stays on this laptop)</source>
        <translation>ក្រុមការងារនៅមូលដ្ឋានតែប៉ុណ្ណោះ (រក្សាទុកនៅលើកុំព្យូទ័រនេះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="52"/>
        <source>The central office</source>
        <translation>ការិយាល័យកណ្តាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="53"/>
        <source>The public (reports may print it)</source>
        <translation>សាធារណជន (របាយការណ៍អាចបោះពុម្ពបាន)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="56"/>
        <source>How consent was given</source>
        <translation>របៀបផ្តល់ការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="59"/>
        <source>e.g. consent form v2, 2024</source>
        <translation>ឧ. ទម្រង់ការយល់ព្រម កំណែ ២ ឆ្នាំ ២០២៤</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="60"/>
        <source>Consent text or its version</source>
        <translation>អត្ថបទការយល់ព្រម ឬកំណែរបស់វា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="62"/>
        <source>Quotes</source>
        <translation>សម្រង់សម្តី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="62"/>
        <source>Photos</source>
        <translation>រូបថត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="63"/>
        <source>Recordings</source>
        <translation>ការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="66"/>
        <source>Agreed to</source>
        <translation>បានយល់ព្រមលើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="67"/>
        <source>What is said may be attributed to</source>
        <translation>អ្វីដែលបាននិយាយ អាចបញ្ជាក់ប្រភពថាមកពី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="70"/>
        <source>Who may see it</source>
        <translation>អ្នកដែលអាចមើលបាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="72"/>
        <source>Keep until</source>
        <translation>រក្សាទុករហូតដល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="83"/>
        <source>Withdraw consent…</source>
        <translation>ដកការយល់ព្រមវិញ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="85"/>
        <source>The people consulted take their consent back: every quote and attributed entry of this consultation is wiped for good</source>
        <translation>អ្នកចូលរួមដកការយល់ព្រមរបស់ពួកគេវិញ៖ រាល់សម្រង់សម្តី និងធាតុដែលបញ្ជាក់ប្រភពនៃការពិគ្រោះយោបល់នេះ ត្រូវបានលុបចោលជាស្ថាពរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="111"/>
        <source>Consent was withdrawn: what it covered was wiped and cannot come back.</source>
        <translation>ការយល់ព្រមត្រូវបានដកវិញ៖ អ្វីដែលវាគ្របដណ្តប់ត្រូវបានលុបចោល ហើយមិនអាចយកមកវិញបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="113"/>
        <source>No consent recorded yet: until it is, the old &quot;Consent and attribution&quot; choice above is read strictly (no photos, no recordings, no attribution beyond what it says).</source>
        <translation>មិនទាន់បានកត់ត្រាការយល់ព្រមនៅឡើយ៖ រហូតដល់ពេលកត់ត្រា ជម្រើស &quot;ការយល់ព្រម និងការបញ្ជាក់ប្រភព&quot; ខាងលើ ត្រូវបានអានយ៉ាងតឹងរ៉ឹង (គ្មានរូបថត គ្មានការថតសំឡេង គ្មានការបញ្ជាក់ប្រភពលើសពីអ្វីដែលវាចែង)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="133"/>
        <source>Consent not saved: %1</source>
        <translation>មិនបានរក្សាទុកការយល់ព្រម៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="144"/>
        <source>Withdraw consent</source>
        <translation>ដកការយល់ព្រមវិញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="145"/>
        <source>The people consulted take their consent back. Every quote and every attributed entry of this consultation will be wiped for good, here and, with the next export, at the central office. Copies already given away (exports, reports, backups) are out of the app&apos;s reach.

Withdraw consent?</source>
        <translation>អ្នកចូលរួមដកការយល់ព្រមរបស់ពួកគេវិញ។ រាល់សម្រង់សម្តី និងរាល់ធាតុដែលបញ្ជាក់ប្រភពនៃការពិគ្រោះយោបល់នេះ នឹងត្រូវលុបចោលជាស្ថាពរ នៅទីនេះ និងនៅការិយាល័យកណ្តាល ជាមួយការនាំចេញលើកក្រោយ។ ច្បាប់ចម្លងដែលបានផ្តល់ទៅហើយ (ការនាំចេញ របាយការណ៍ ការបម្រុងទុក) ហួសពីលទ្ធភាពរបស់កម្មវិធី។

ដកការយល់ព្រមវិញឬ?</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consent_panel.py" line="155"/>
        <source>Consent not withdrawn: %1</source>
        <translation>មិនបានដកការយល់ព្រមវិញ៖ %1</translation>
    </message>
</context>
<context>
    <name>ConsultationForm</name>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="80"/>
        <source>&amp;Title</source>
        <translation>ចំណងជើង (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="81"/>
        <source>Stakeholder &amp;group</source>
        <translation>ក្រុមអ្នកពាក់ព័ន្ធ (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="82"/>
        <source>Group detail</source>
        <translation>ព័ត៌មានលម្អិតអំពីក្រុម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="83"/>
        <source>&amp;Province</source>
        <translation>ខេត្ត (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="84"/>
        <source>District</source>
        <translation>ស្រុក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="85"/>
        <source>Commune</source>
        <translation>ឃុំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="86"/>
        <source>Venue</source>
        <translation>ទីកន្លែង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="89"/>
        <source>to</source>
        <translation>ដល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="91"/>
        <source>Start date</source>
        <translation>កាលបរិច្ឆេទចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="92"/>
        <source>End date</source>
        <translation>កាលបរិច្ឆេទបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="94"/>
        <source>Dates</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="95"/>
        <source>Facilitator</source>
        <translation>អ្នកសម្របសម្រួល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="96"/>
        <source>Note-taker</source>
        <translation>អ្នកកត់ត្រា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="97"/>
        <source>Languages used</source>
        <translation>ភាសាដែលបានប្រើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="99"/>
        <source>Interpretation</source>
        <translation>ការបកប្រែផ្ទាល់មាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="100"/>
        <source>Organisations represented</source>
        <translation>អង្គការដែលមានតំណាងចូលរួម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="101"/>
        <source>Consent and attribution</source>
        <translation>ការយល់ព្រម និងការបញ្ជាក់ប្រភព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="102"/>
        <source>Summary</source>
        <translation>សេចក្តីសង្ខេប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="108"/>
        <source>Participants (counts only, never names)</source>
        <translation>អ្នកចូលរួម (តែចំនួនប៉ុណ្ណោះ មិនដាក់ឈ្មោះដាច់ខាត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="111"/>
        <source>Women</source>
        <translation>ស្ត្រី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="111"/>
        <source>Men</source>
        <translation>បុរស</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="112"/>
        <source>Other or undisclosed</source>
        <translation>ផ្សេងទៀត ឬមិនបញ្ជាក់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="112"/>
        <source>of whom youth</source>
        <translation>ក្នុងនោះយុវជន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="113"/>
        <source>of whom persons with disabilities</source>
        <translation>ក្នុងនោះជនមានពិការភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="114"/>
        <source>of whom indigenous</source>
        <translation>ក្នុងនោះជនជាតិដើមភាគតិច</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="128"/>
        <source>Finali&amp;se consultation…</source>
        <translation>កំណត់ការពិគ្រោះយោបល់ជាចុងក្រោយ… (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="131"/>
        <source>Re&amp;open for editing</source>
        <translation>បើកឡើងវិញដើម្បីកែសម្រួល (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="200"/>
        <source>Finalise consultation</source>
        <translation>កំណត់ការពិគ្រោះយោបល់ជាចុងក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="201"/>
        <source>Finalise this consultation? It is then locked against edits until someone reopens it.</source>
        <translation>កំណត់ការពិគ្រោះយោបល់នេះជាចុងក្រោយឬ? បន្ទាប់មក វានឹងត្រូវចាក់សោ មិនអាចកែសម្រួលបាន រហូតដល់មាននរណាម្នាក់បើកវាឡើងវិញ។</translation>
    </message>
    <message numerus="yes">
        <location filename="../../consultation_app/ui/consultation_form.py" line="171"/>
        <source>Total participants: %n</source>
        <translation>
            <numerusform>អ្នកចូលរួមសរុប៖ %n នាក់</numerusform>
            <numerusform>អ្នកចូលរួមសរុប៖ %n នាក់</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="175"/>
        <source>youth, persons with disabilities and indigenous participants are part of this total</source>
        <translation>យុវជន ជនមានពិការភាព និងអ្នកចូលរួមជាជនជាតិដើមភាគតិច ត្រូវរាប់បញ្ចូលក្នុងចំនួនសរុបនេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultation_form.py" line="185"/>
        <source>This consultation is final and locked against edits. Reopen it to change anything.</source>
        <translation>ការពិគ្រោះយោបល់នេះត្រូវបានកំណត់ជាចុងក្រោយ ហើយត្រូវបានចាក់សោមិនឱ្យកែសម្រួល។ សូមបើកវាឡើងវិញ ដើម្បីផ្លាស់ប្តូរអ្វីមួយ។</translation>
    </message>
</context>
<context>
    <name>ConsultationsBrowser</name>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="47"/>
        <source>All</source>
        <translation>ទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="53"/>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="54"/>
        <source>Search consultations</source>
        <translation>ស្វែងរកការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="58"/>
        <source>Filter by group</source>
        <translation>ត្រងតាមក្រុម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="59"/>
        <source>Filter by province</source>
        <translation>ត្រងតាមខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="60"/>
        <source>Filter by status</source>
        <translation>ត្រងតាមស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="62"/>
        <source>From date</source>
        <translation>ចាប់ពីកាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="63"/>
        <source>To date</source>
        <translation>ដល់កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="69"/>
        <source>Group</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="71"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="73"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="75"/>
        <source>From</source>
        <translation>ពី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="77"/>
        <source>To</source>
        <translation>ដល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="82"/>
        <source>Consultations</source>
        <translation>ការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="161"/>
        <source>No consultation matches the search and filters.</source>
        <translation>គ្មានការពិគ្រោះយោបល់ណាមួយត្រូវនឹងការស្វែងរក និងតម្រងទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="163"/>
        <source>No consultation matches the filters.</source>
        <translation>គ្មានការពិគ្រោះយោបល់ណាមួយត្រូវនឹងតម្រងទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/consultations_browser.py" line="165"/>
        <source>%1 of %2 consultations</source>
        <translation>ការពិគ្រោះយោបល់ %1 ក្នុងចំណោម %2</translation>
    </message>
</context>
<context>
    <name>ConsultationsModel</name>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="43"/>
        <source>Consultation</source>
        <translation>ការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="44"/>
        <source>Group</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="45"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="46"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="47"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="48"/>
        <source>Feedback</source>
        <translation>មតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/consultations_model.py" line="55"/>
        <source>(untitled)</source>
        <translation>(គ្មានចំណងជើង)</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="33"/>
        <source>Not recorded</source>
        <translation>មិនបានកត់ត្រា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="42"/>
        <source>Codes not in the catalog</source>
        <translation>លេខកូដដែលមិនមានក្នុងបញ្ជី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="137"/>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="150"/>
        <source>Total</source>
        <translation>សរុប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="189"/>
        <source>No feedback: nobody here spoke about this</source>
        <translation>គ្មានមតិយោបល់៖ គ្មាននរណានៅទីនេះនិយាយអំពីរឿងនេះទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="191"/>
        <source>%1 feedback entries from %2 consultations</source>
        <translation>មតិយោបល់ %1 ពីការពិគ្រោះយោបល់ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="194"/>
        <source>%1 feedback entries</source>
        <translation>មតិយោបល់ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="238"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="239"/>
        <source>Consultation</source>
        <translation>ការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="240"/>
        <source>Group</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="241"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="242"/>
        <source>Recommendation</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="243"/>
        <source>Priority</source>
        <translation>អាទិភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="244"/>
        <source>Implementation</source>
        <translation>ការអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="245"/>
        <source>Comment</source>
        <translation>មតិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="246"/>
        <source>Entry id</source>
        <translation>លេខសម្គាល់ធាតុ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard_models.py" line="257"/>
        <source>(marked sensitive: not shown)</source>
        <translation>(សម្គាល់ថារសើប៖ មិនបង្ហាញ)</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="384"/>
        <source>Earlier cycle, %1 (%2): %3 feedback entries from %4 consultations</source>
        <translation>វដ្តមុន %1 (%2)៖ មតិយោបល់ %3 ពីការពិគ្រោះយោបល់ %4</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="96"/>
        <source>Dashboard: coverage and ratings</source>
        <translation>ផ្ទាំងសង្ខេប៖ វិសាលភាព និងការវាយតម្លៃ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="100"/>
        <source>All groups</source>
        <translation>ក្រុមទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="102"/>
        <source>Stakeholder group</source>
        <translation>ក្រុមអ្នកពាក់ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="105"/>
        <source>All provinces</source>
        <translation>ខេត្តទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="107"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="109"/>
        <source>Consultations from</source>
        <translation>ការពិគ្រោះយោបល់ចាប់ពី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="110"/>
        <source>Consultations to</source>
        <translation>ការពិគ្រោះយោបល់រហូតដល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="113"/>
        <source>Catalog of recommendations</source>
        <translation>បញ្ជីអនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="118"/>
        <source>%1 (version %2)</source>
        <translation>%1 (កំណែ %2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="121"/>
        <source>All catalogs</source>
        <translation>បញ្ជីទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="127"/>
        <source>Count</source>
        <translation>រាប់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="128"/>
        <source>Feedback entries</source>
        <translation>ធាតុមតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="129"/>
        <source>Consultations</source>
        <translation>ការពិគ្រោះយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="130"/>
        <source>&amp;Reset filters</source>
        <translation>កំណត់តម្រងឡើងវិញ (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="131"/>
        <source>Re&amp;fresh</source>
        <translation>ធ្វើឱ្យថ្មី (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="142"/>
        <source>&amp;Group</source>
        <translation>ក្រុម (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="142"/>
        <source>&amp;Province</source>
        <translation>ខេត្ត (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="143"/>
        <source>Fr&amp;om</source>
        <translation>ចាប់ពី (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="143"/>
        <source>&amp;To</source>
        <translation>ដល់ (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="144"/>
        <source>C&amp;atalog</source>
        <translation>បញ្ជី (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="144"/>
        <source>&amp;Count</source>
        <translation>រាប់ (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="163"/>
        <location filename="../../consultation_app/ui/dashboard.py" line="164"/>
        <source>Theme</source>
        <translation>ប្រធានបទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="165"/>
        <source>Recommendation</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="167"/>
        <source>Feedback per theme and stakeholder group</source>
        <translation>មតិយោបល់តាមប្រធានបទ និងក្រុមអ្នកពាក់ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="169"/>
        <source>Feedback per theme and province</source>
        <translation>មតិយោបល់តាមប្រធានបទ និងខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="171"/>
        <source>Priority and implementation per recommendation</source>
        <translation>អាទិភាព និងការអនុវត្តតាមអនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="173"/>
        <source>Themes × gro&amp;ups</source>
        <translation>ប្រធានបទ × ក្រុម (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="174"/>
        <source>Themes × pro&amp;vinces</source>
        <translation>ប្រធានបទ × ខេត្ត (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="175"/>
        <source>Recommendations</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="176"/>
        <source>Red cells: nobody in that group or province gave feedback on the theme. Double-click any figure to see the entries behind it.</source>
        <translation>ក្រឡាពណ៌ក្រហម៖ គ្មាននរណាម្នាក់ក្នុងក្រុម ឬខេត្តនោះ បានផ្តល់មតិយោបល់លើប្រធានបទនេះទេ។ ចុចពីរដងលើលេខណាមួយ ដើម្បីមើលធាតុនៅពីក្រោយវា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="187"/>
        <source>Priority given, per theme</source>
        <translation>អាទិភាពដែលបានផ្តល់ តាមប្រធានបទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="189"/>
        <source>Implementation assessed, per theme</source>
        <translation>ការវាយតម្លៃការអនុវត្ត តាមប្រធានបទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="195"/>
        <source>Pr&amp;iority</source>
        <translation>អាទិភាព (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="196"/>
        <source>I&amp;mplementation</source>
        <translation>ការអនុវត្ត (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="204"/>
        <source>Feedback entries behind the chosen figure</source>
        <translation>ធាតុមតិយោបល់នៅពីក្រោយលេខដែលបានជ្រើស</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="218"/>
        <source>Double-click a figure above to list its feedback entries.</source>
        <translation>ចុចពីរដងលើលេខខាងលើ ដើម្បីរាយធាតុមតិយោបល់របស់វា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="221"/>
        <source>Entries behind a figure</source>
        <translation>ធាតុនៅពីក្រោយលេខ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="225"/>
        <source>&amp;Attachments of this entry&apos;s consultation…</source>
        <translation>ឯកសារភ្ជាប់នៃការពិគ្រោះយោបល់របស់ធាតុនេះ… (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="228"/>
        <source>All attachments…</source>
        <translation>ឯកសារភ្ជាប់ទាំងអស់…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="307"/>
        <source>Counting…</source>
        <translation>កំពុងរាប់…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="312"/>
        <source>Cannot count: %1</source>
        <translation>មិនអាចរាប់បាន៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="361"/>
        <source>%1 feedback entries from %2 consultations · %3 of %4 theme and group cells have no feedback</source>
        <translation>មតិយោបល់ %1 ពីការពិគ្រោះយោបល់ %2 · ក្រឡាប្រធានបទ និងក្រុម %3 ក្នុងចំណោម %4 គ្មានមតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="450"/>
        <source>All feedback</source>
        <translation>មតិយោបល់ទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="452"/>
        <source>%1: the first %2 entries</source>
        <translation>%1៖ ធាតុ %2 ដំបូង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/dashboard.py" line="454"/>
        <source>%1: %2 entries</source>
        <translation>%1៖ ធាតុ %2</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../consultation_app/ui/date_field.py" line="52"/>
        <source>YYYY-MM-DD</source>
        <translation>ឆឆឆឆ-ខខ-ថថ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/date_field.py" line="53"/>
        <location filename="../../consultation_app/ui/date_field.py" line="131"/>
        <source>Type a date (2026-12-04, 04/12/2026 or 20261204) or pick it from the calendar</source>
        <translation>វាយកាលបរិច្ឆេទ (2026-12-04, 04/12/2026 ឬ 20261204) ឬជ្រើសរើសពីប្រតិទិន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/date_field.py" line="61"/>
        <source>Calendar</source>
        <translation>ប្រតិទិន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/date_field.py" line="132"/>
        <source>Not a date: type it as 2026-12-04, 04/12/2026 or 20261204</source>
        <translation>នេះមិនមែនជាកាលបរិច្ឆេទទេ៖ សូមវាយជា 2026-12-04, 04/12/2026 ឬ 20261204</translation>
    </message>
</context>
<context>
    <name>EntryTextDialog</name>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="30"/>
        <source>Feedback entry</source>
        <translation>ធាតុមតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="41"/>
        <source>Marked sensitive: its words are not shown.</source>
        <translation>បានសម្គាល់ថារសើប៖ ពាក្យសម្ដីរបស់វាមិនត្រូវបានបង្ហាញទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="45"/>
        <source>Comment</source>
        <translation>មតិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="45"/>
        <source>Verbatim quote</source>
        <translation>សម្រង់សម្ដីផ្ទាល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="46"/>
        <source>Quote translation</source>
        <translation>ការបកប្រែសម្រង់សម្តី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="47"/>
        <source>Suggested actions</source>
        <translation>សកម្មភាពដែលបានស្នើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/entry_text.py" line="48"/>
        <source>Responsible institutions</source>
        <translation>ស្ថាប័នទទួលខុសត្រូវ</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The connection to the PostgreSQL server %1 was lost (the server stopped, or the network went down). What was under way was not finished: try again later.</source>
        <translation type="vanished">ការតភ្ជាប់ទៅម៉ាស៊ីនមេ PostgreSQL %1 បានដាច់ (ម៉ាស៊ីនមេត្រូវបានបិទ ឬបណ្តាញដាច់)។ កិច្ចការដែលកំពុងធ្វើមិនទាន់បានបញ្ចប់ទេ៖ សូមព្យាយាមម្តងទៀតពេលក្រោយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="42"/>
        <source>%1: not enough space to write the file (disk or USB stick full). Nothing was saved.</source>
        <translation>%1៖ មិនមានទំហំគ្រប់គ្រាន់ដើម្បីសរសេរឯកសារទេ (ថាស ឬ USB ពេញ)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="44"/>
        <source>%1: not enough space to write the file (disk or USB stick full): free at least %2 MB. Nothing was saved.</source>
        <translation>%1៖ មិនមានទំហំគ្រប់គ្រាន់ដើម្បីសរសេរឯកសារទេ (ថាស ឬ USB ពេញ)៖ សូមបង្កើតទំហំទំនេរយ៉ាងតិច %2 MB។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="47"/>
        <source>%1: the drive stopped answering (was the USB stick pulled out?). Nothing was saved.</source>
        <translation>%1៖ ឧបករណ៍ផ្ទុកឈប់ឆ្លើយតប (តើ USB ត្រូវបានដកចេញឬ?)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="49"/>
        <source>%1: no permission to write here (a read-only drive or folder?). Nothing was saved.</source>
        <translation>%1៖ គ្មានសិទ្ធិសរសេរនៅទីនេះទេ (ឧបករណ៍ផ្ទុក ឬថតឯកសារសម្រាប់តែអាន?)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="51"/>
        <source>%1: the file cannot be written (%2). Nothing was saved.</source>
        <translation>%1៖ មិនអាចសរសេរឯកសារបានទេ (%2)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="15"/>
        <source>The disk holding %1 is full: free at least %2 on it and try again. Nothing was changed.</source>
        <translation>ថាសដែលផ្ទុក %1 ពេញហើយ៖ សូមបង្កើតទំហំទំនេរយ៉ាងតិច %2 នៅលើវា ហើយព្យាយាមម្ដងទៀត។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="17"/>
        <source>The database %1 is busy in another program: close it and try again.</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 កំពុងត្រូវបានប្រើដោយកម្មវិធីមួយផ្សេងទៀត៖ សូមបិទកម្មវិធីនោះ ហើយព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="19"/>
        <source>The database file %1 is damaged.</source>
        <translation>ឯកសារមូលដ្ឋានទិន្នន័យ %1 ខូច។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="20"/>
        <source>The database %1 cannot be opened for writing.</source>
        <translation>មិនអាចបើកមូលដ្ឋានទិន្នន័យ %1 ដើម្បីសរសេរបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="22"/>
        <source>The database %1 is protected by a passphrase, and it was not given.</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 ត្រូវបានការពារដោយឃ្លាសម្ងាត់ ប៉ុន្តែមិនបានផ្ដល់ឃ្លាសម្ងាត់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="24"/>
        <source>Wrong passphrase: it does not open %1. Nothing was changed.</source>
        <translation>ឃ្លាសម្ងាត់មិនត្រឹមត្រូវ៖ វាមិនបើក %1 ទេ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="38"/>
        <source>The connection to the PostgreSQL server %1 was lost (it was stopped, restarted or is off the network). What was not finished was not kept: try again when the server is back.</source>
        <translation>ការតភ្ជាប់ទៅម៉ាស៊ីនមេ PostgreSQL %1 បានដាច់ (វាត្រូវបានបិទ ចាប់ផ្តើមឡើងវិញ ឬនៅក្រៅបណ្តាញ)។ អ្វីដែលមិនទាន់បានបញ្ចប់ មិនត្រូវបានរក្សាទុកទេ៖ សូមព្យាយាមម្តងទៀតនៅពេលម៉ាស៊ីនមេដំណើរការវិញ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="54"/>
        <source>There is no backup file %1.</source>
        <translation>មិនមានឯកសារបម្រុងទុក %1 ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="55"/>
        <source>The backup %1 is damaged: choose another one. Nothing was changed.</source>
        <translation>ការបម្រុងទុក %1 ខូច៖ សូមជ្រើសរើសមួយផ្សេងទៀត។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="57"/>
        <source>The backup could not be put in place of %1; the database was left as it was.</source>
        <translation>មិនអាចដាក់ការបម្រុងទុកជំនួស %1 បានទេ; មូលដ្ឋានទិន្នន័យនៅដដែលដូចមុន។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="59"/>
        <source>The backups folder %1 cannot be made.</source>
        <translation>មិនអាចបង្កើតថតបម្រុងទុក %1 បានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="60"/>
        <source>The backups folder %1 is a link to another place, not a folder: no backup is written through it. Remove the link.</source>
        <translation>ថតឯកសារបម្រុងទុក %1 គឺជាតំណទៅកន្លែងផ្សេង មិនមែនជាថតទេ៖ គ្មានឯកសារបម្រុងទុកណាមួយត្រូវបានសរសេរតាមរយៈវាទេ។ សូមលុបតំណនោះចេញ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="64"/>
        <source>%1 is a Word document, not an export workbook.</source>
        <translation>%1 គឺជាឯកសារ Word មិនមែនជាឯកសារ Excel ដែលបាននាំចេញទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="66"/>
        <source>%1 is a PowerPoint presentation, not an export workbook.</source>
        <translation>%1 គឺជាបទបង្ហាញ PowerPoint មិនមែនជាឯកសារ Excel ដែលបាននាំចេញទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="68"/>
        <source>%1 is an OpenDocument file (LibreOffice): save it as .xlsx first if it is an export.</source>
        <translation>%1 គឺជាឯកសារ OpenDocument (LibreOffice)៖ ប្រសិនបើវាជាឯកសារនាំចេញ សូមរក្សាទុកវាជា .xlsx ជាមុនសិន។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="70"/>
        <source>%1 is not an Excel workbook.</source>
        <translation>%1 មិនមែនជាឯកសារ Excel ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="71"/>
        <source>%1 is damaged or incomplete: it is not a readable workbook.</source>
        <translation>%1 ខូច ឬមិនពេញលេញ៖ វាមិនមែនជាឯកសារ Excel ដែលអាចអានបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="73"/>
        <source>%1: the password is wrong, or the file was damaged after it was protected.</source>
        <translation>%1៖ ពាក្យសម្ងាត់មិនត្រឹមត្រូវ ឬឯកសារត្រូវបានខូចក្រោយពេលវាត្រូវបានការពារ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="76"/>
        <source>Already merged on %1 (as %2).</source>
        <translation>បានបញ្ចូលគ្នារួចហើយនៅ %1 (ជា %2)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="77"/>
        <source>%1: the signature does not match (edited or forged). Nothing was merged.</source>
        <translation>%1៖ ហត្ថលេខាមិនត្រូវគ្នា (ត្រូវបានកែប្រែ ឬក្លែងបន្លំ)។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="79"/>
        <source>%1 is not signed, so nothing shows who wrote it. Nothing was merged: update the app on the laptop and export again.</source>
        <translation>%1 មិនបានចុះហត្ថលេខា ដូច្នេះគ្មានអ្វីបង្ហាញថាអ្នកណាសរសេរវាទេ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធីនៅលើកុំព្យូទ័រយួរដៃ ហើយនាំចេញម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="82"/>
        <source>%1: values were changed after the export was written. Nothing was merged.</source>
        <translation>%1៖ តម្លៃត្រូវបានផ្លាស់ប្ដូរក្រោយពេលឯកសារនាំចេញត្រូវបានសរសេរ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="84"/>
        <source>%1: the laptop&apos;s signing key changed (cloned or reinstalled laptop, or a forgery). Nothing was merged: ask the field officer what happened.</source>
        <translation>%1៖ កូនសោចុះហត្ថលេខារបស់កុំព្យូទ័រយួរដៃបានផ្លាស់ប្ដូរ (កុំព្យូទ័រចម្លង ឬដំឡើងឡើងវិញ ឬការក្លែងបន្លំ)។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ៖ សូមសួរមន្ត្រីមូលដ្ឋានថាមានអ្វីកើតឡើង។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="87"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 stale, %5 conflicts to review</source>
        <translation>ថ្មី %1, បានធ្វើបច្ចុប្បន្នភាព %2, មិនផ្លាស់ប្ដូរ %3, ហួសសម័យ %4, ភាពផ្ទុយគ្នាត្រូវពិនិត្យ %5</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="91"/>
        <source>%1: %2</source>
        <translation>%1៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="92"/>
        <source>%1: %2 (and %3 more problems)</source>
        <translation>%1៖ %2 (និងបញ្ហា %3 ទៀត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="93"/>
        <source>expected a whole number, found %1</source>
        <translation>ត្រូវការចំនួនគត់ ប៉ុន្តែឃើញ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="94"/>
        <source>expected a whole number of 0 or more, found %1</source>
        <translation>ត្រូវការចំនួនគត់ពី 0 ឡើងទៅ ប៉ុន្តែឃើញ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="96"/>
        <source>expected a whole number of at most %1, found %2</source>
        <translation>ត្រូវការចំនួនគត់មិនលើសពី %1 ប៉ុន្តែឃើញ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="98"/>
        <source>expected yes or no, found %1</source>
        <translation>ត្រូវការ បាទ/ចាស ឬ ទេ (yes ឬ no) ប៉ុន្តែឃើញ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="99"/>
        <source>expected a date (YYYY-MM-DD), found %1</source>
        <translation>ត្រូវការកាលបរិច្ឆេទ (YYYY-MM-DD) ប៉ុន្តែឃើញ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="100"/>
        <source>%1 is not an allowed value (see the &apos;lists&apos; sheet)</source>
        <translation>%1 មិនមែនជាតម្លៃដែលអនុញ្ញាតទេ (សូមមើលសន្លឹក &apos;lists&apos;)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="102"/>
        <source>%1: not allowed (see the &apos;lists&apos; sheet)</source>
        <translation>%1៖ មិនអនុញ្ញាតទេ (សូមមើលសន្លឹក &apos;lists&apos;)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="104"/>
        <source>the cell is empty; expected one of %1 (see the &apos;lists&apos; sheet)</source>
        <translation>ក្រឡានេះទទេ៖ ត្រូវការតម្លៃមួយក្នុងចំណោម %1 (សូមមើលសន្លឹក &apos;lists&apos;)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="106"/>
        <source>the cell is empty</source>
        <translation>ក្រឡានេះទទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="107"/>
        <source>the text is %1 characters long as Excel counts them; the limit is %2</source>
        <translation>អត្ថបទនេះមានប្រវែង %1 តួអក្សរ តាមការរាប់របស់ Excel ៖ កម្រិតអតិបរមាគឺ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="109"/>
        <source>the text is %1 characters long; the limit is %2</source>
        <translation>អត្ថបទនេះមានប្រវែង %1 តួអក្សរ៖ កម្រិតអតិបរមាគឺ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="111"/>
        <source>expected a whole number of at most %1</source>
        <translation>ត្រូវការចំនួនគត់មិនលើសពី %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="112"/>
        <source>the sheet is damaged and cannot be read (%1)</source>
        <translation>សន្លឹកនេះខូច ហើយមិនអាចអានបានទេ (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="113"/>
        <source>not an export of this app: it has no &apos;manifest&apos; sheet</source>
        <translation>នេះមិនមែនជាឯកសារនាំចេញរបស់កម្មវិធីនេះទេ៖ វាគ្មានសន្លឹក &apos;manifest&apos; ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="114"/>
        <source>a field export cannot carry implementation records or institutions: only central copies may say them. Nothing was merged.</source>
        <translation>ឯកសារនាំចេញពីមូលដ្ឋានមិនអាចផ្ទុកកំណត់ត្រាការអនុវត្ត ឬស្ថាប័នបានទេ៖ មានតែច្បាប់ចម្លងនៅថ្នាក់កណ្ដាលទេដែលអាចផ្ដល់ព័ត៌មាននេះ។ គ្មានអ្វីត្រូវបានបញ្ចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="117"/>
        <source>expected &apos;%1&apos;, found %2</source>
        <translation>ត្រូវការ &apos;%1&apos; ប៉ុន្តែឃើញ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="118"/>
        <source>format version %1 is not one this app reads (it reads up to %2): update the app</source>
        <translation>កំណែទម្រង់ %1 មិនមែនជាកំណែដែលកម្មវិធីនេះអានបានទេ (វាអានបានត្រឹមកំណែ %2)៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="120"/>
        <source>the value is missing</source>
        <translation>ខ្វះតម្លៃ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="121"/>
        <source>the sheet is missing</source>
        <translation>ខ្វះសន្លឹកនេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="122"/>
        <source>data row %1 has no %2</source>
        <translation>ជួរទិន្នន័យទី %1 គ្មាន %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="123"/>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="101"/>
        <source>%1 appears twice</source>
        <translation>%1 លេចឡើងពីរដង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="124"/>
        <source>the sheet holds %1 rows but the manifest says %2</source>
        <translation>សន្លឹកនេះមាន %1 ជួរ ប៉ុន្តែ manifest និយាយថា %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="126"/>
        <source>%1, sheet &apos;%2&apos;, record %3 (data row %4): %5 missing</source>
        <translation>%1 សន្លឹក &apos;%2&apos; កំណត់ត្រា %3 (ជួរទិន្នន័យទី %4)៖ ខ្វះ %5</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="128"/>
        <source>%1, sheet &apos;%2&apos;, record %3 (data row %4): %5 missing (and %6 more)</source>
        <translation>%1 សន្លឹក &apos;%2&apos; កំណត់ត្រា %3 (ជួរទិន្នន័យទី %4)៖ ខ្វះ %5 (និង %6 ទៀត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="132"/>
        <source>the cell says %1, but the consultation&apos;s %2 in this file is %3; a readable column must agree with the data</source>
        <translation>ក្រឡានេះសរសេរថា %1 ប៉ុន្តែ %2 របស់កិច្ចពិគ្រោះយោបល់នៅក្នុងឯកសារនេះគឺ %3៖ ជួរឈរសម្រាប់អានត្រូវតែស្របនឹងទិន្នន័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="135"/>
        <source>the label %1 names another value than %2, which holds %3; a readable label must agree with its key</source>
        <translation>ស្លាក %1 សំដៅលើតម្លៃផ្សេងពី %2 ដែលមាន %3៖ ស្លាកសម្រាប់អានត្រូវតែស្របនឹងកូនសោរបស់វា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="138"/>
        <source>the label %1 names another value than the consultation&apos;s %2, which holds %3; a readable label must agree with its key</source>
        <translation>ស្លាក %1 សំដៅលើតម្លៃផ្សេងពី %2 របស់កិច្ចពិគ្រោះយោបល់ ដែលមាន %3៖ ស្លាកសម្រាប់អានត្រូវតែស្របនឹងកូនសោរបស់វា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="142"/>
        <source>%1, sheet &apos;%2&apos;: labels this app&apos;s lists do not know were ignored (the keys were read): %3</source>
        <translation>%1 សន្លឹក &apos;%2&apos;៖ ស្លាកដែលបញ្ជីរបស់កម្មវិធីនេះមិនស្គាល់ ត្រូវបានរំលង (កូនសោត្រូវបានអាន)៖ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="145"/>
        <source>%1; %2</source>
        <translation>%1។ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="146"/>
        <source>Merged although values were changed after the export (recorded as modified). The laptop&apos;s signature vouches for the export as it was written, not for these edited values: nothing proves who changed them.</source>
        <translation>បានបញ្ចូល ទោះបីតម្លៃត្រូវបានកែប្រែក្រោយការនាំចេញក៏ដោយ (បានកត់ត្រាថាត្រូវបានកែប្រែ)។ ហត្ថលេខារបស់កុំព្យូទ័រយួរដៃធានាតែលើឯកសារនាំចេញដូចដែលវាត្រូវបានសរសេរប៉ុណ្ណោះ មិនមែនលើតម្លៃដែលបានកែទាំងនេះទេ៖ គ្មានអ្វីបញ្ជាក់ថាអ្នកណាបានកែវាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="150"/>
        <source>the same export number was also claimed by device %1 (file %2, merged %3): one of the two files is forged or copied; this one was checked on its own and merged</source>
        <translation>លេខនាំចេញដដែលនេះក៏ត្រូវបានប្រកាសដោយឧបករណ៍ %1 ដែរ (ឯកសារ %2 បានបញ្ចូលនៅ %3)៖ ឯកសារមួយក្នុងចំណោមឯកសារទាំងពីរត្រូវបានក្លែងបន្លំ ឬចម្លង។ ឯកសារនេះត្រូវបានពិនិត្យដោយឡែក ហើយបានបញ្ចូល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="154"/>
        <source>%1 record(s) of another device kept for review, not applied (a file speaks only for its own laptop): %2</source>
        <translation>កំណត់ត្រា %1 របស់ឧបករណ៍ផ្សេង ត្រូវបានរក្សាទុកសម្រាប់ពិនិត្យ មិនត្រូវបានអនុវត្តទេ (ឯកសារមួយនិយាយបានតែសម្រាប់កុំព្យូទ័រយួរដៃរបស់ខ្លួនប៉ុណ្ណោះ)៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="156"/>
        <source>%1 consent or attachment record(s) of another device&apos;s consultation not applied (a file speaks only for its own laptop): %2</source>
        <translation>កំណត់ត្រាការយល់ព្រម ឬឯកសារភ្ជាប់ %1 នៃកិច្ចពិគ្រោះយោបល់របស់ឧបករណ៍ផ្សេង មិនត្រូវបានអនុវត្តទេ (ឯកសារមួយនិយាយបានតែសម្រាប់កុំព្យូទ័រយួរដៃរបស់ខ្លួនប៉ុណ្ណោះ)៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="159"/>
        <source>%1 %2 record(s) of consultations not held here not applied yet: merge the export that carries the consultation, then this file again</source>
        <translation>កំណត់ត្រា %2 ចំនួន %1 នៃកិច្ចពិគ្រោះយោបល់ដែលមិនទាន់មាននៅទីនេះ មិនទាន់ត្រូវបានអនុវត្តទេ៖ សូមបញ្ចូលឯកសារនាំចេញដែលមានកិច្ចពិគ្រោះយោបល់នោះ រួចបញ្ចូលឯកសារនេះម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="162"/>
        <source>%1 differing version(s) kept for review instead of being overwritten</source>
        <translation>កំណែខុសគ្នា %1 ត្រូវបានរក្សាទុកសម្រាប់ពិនិត្យ ជំនួសឱ្យការសរសេរជាន់ពីលើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="164"/>
        <source>%1 deletion(s) or withdrawal(s) applied over the other laptop&apos;s edits</source>
        <translation>ការលុប ឬការដកចេញ %1 ត្រូវបានអនុវត្តពីលើការកែប្រែរបស់កុំព្យូទ័រយួរដៃមួយទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="166"/>
        <source>%1 edit(s) of entries deleted or withdrawn on the other laptop not kept (the deletion stands)</source>
        <translation>ការកែប្រែ %1 លើធាតុដែលត្រូវបានលុប ឬដកចេញនៅលើកុំព្យូទ័រយួរដៃមួយទៀត មិនត្រូវបានរក្សាទុកទេ (ការលុបនៅតែមានសុពលភាព)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="168"/>
        <source>two laptops share one identity: %1. Make one of the laptops a new device (on it: consultation-app device new-identity).</source>
        <translation>កុំព្យូទ័រយួរដៃពីរប្រើអត្តសញ្ញាណតែមួយ៖ %1។ សូមធ្វើឱ្យកុំព្យូទ័រយួរដៃមួយក្នុងចំណោមនោះក្លាយជាឧបករណ៍ថ្មី (នៅលើវា៖ consultation-app device new-identity)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="172"/>
        <source>two laptops share one identity: %1; %2. Make one of the laptops a new device (on it: consultation-app device new-identity).</source>
        <translation>កុំព្យូទ័រយួរដៃពីរប្រើអត្តសញ្ញាណតែមួយ៖ %1។ %2។ សូមធ្វើឱ្យកុំព្យូទ័រយួរដៃមួយក្នុងចំណោមនោះក្លាយជាឧបករណ៍ថ្មី (នៅលើវា៖ consultation-app device new-identity)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="175"/>
        <source>%1 and %2 (merged %3) are different exports that both claim export %4 of device %5</source>
        <translation>%1 និង %2 (បានបញ្ចូលនៅ %3) ជាឯកសារនាំចេញខុសគ្នា ដែលទាំងពីរប្រកាសថាជាការនាំចេញលេខ %4 របស់ឧបករណ៍ %5</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="178"/>
        <source>%1: this export of the same laptop was merged on %2 (as %3) with other values: this file was edited since, or another laptop with the same identity signed it. Nothing was merged: compare the two files.</source>
        <translation>%1៖ ការនាំចេញនេះរបស់កុំព្យូទ័រយួរដៃដដែល ត្រូវបានបញ្ចូលរួចនៅ %2 (ជា %3) ជាមួយតម្លៃផ្សេង៖ ឯកសារនេះត្រូវបានកែប្រែតាំងពីពេលនោះ ឬកុំព្យូទ័រយួរដៃមួយទៀតដែលមានអត្តសញ្ញាណដូចគ្នាបានចុះហត្ថលេខាលើវា។ គ្មានអ្វីត្រូវបានបញ្ចូលទេ៖ សូមប្រៀបធៀបឯកសារទាំងពីរ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="183"/>
        <source>%1: the original of an export whose edited copy was merged on %2 (as %3), so the values merged then are not these. Nothing was merged: compare the two files.</source>
        <translation>%1៖ ច្បាប់ដើមនៃការនាំចេញមួយ ដែលច្បាប់ចម្លងកែប្រែរបស់វាត្រូវបានបញ្ចូលនៅ %2 (ជា %3) ដូច្នេះតម្លៃដែលបានបញ្ចូលពេលនោះមិនមែនជាតម្លៃទាំងនេះទេ។ គ្មានអ្វីត្រូវបានបញ្ចូលទេ៖ សូមប្រៀបធៀបឯកសារទាំងពីរ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="14"/>
        <source>sent by device %1 (%2) in export %3, but the record belongs to device %4 (%5): a file speaks only for its own laptop</source>
        <translation>ផ្ញើដោយឧបករណ៍ %1 (%2) ក្នុងការនាំចេញ %3 ប៉ុន្តែកំណត់ត្រានេះជារបស់ឧបករណ៍ %4 (%5)៖ ឯកសារមួយនិយាយបានតែសម្រាប់កុំព្យូទ័រយួរដៃរបស់ខ្លួនប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="18"/>
        <source>sent by device %1 (%2) in export %3, but the record belongs to an unknown device (%5): a file speaks only for its own laptop</source>
        <translation>ផ្ញើដោយឧបករណ៍ %1 (%2) ក្នុងការនាំចេញ %3 ប៉ុន្តែកំណត់ត្រានេះជារបស់ឧបករណ៍មិនស្គាល់មួយ (%5)៖ ឯកសារមួយនិយាយបានតែសម្រាប់កុំព្យូទ័រយួរដៃរបស់ខ្លួនប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="24"/>
        <source>two laptops share one identity (%1, %2): %3</source>
        <translation>កុំព្យូទ័រយួរដៃពីរប្រើអត្តសញ្ញាណតែមួយ (%1, %2)៖ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="26"/>
        <source>device %1 sent two different versions of %2 at revision %3</source>
        <translation>ឧបករណ៍ %1 បានផ្ញើកំណែពីរខុសគ្នានៃ %2 នៅការកែប្រែលើកទី %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="28"/>
        <source>device %1 sent a version of %2 at revision %3 unlike the one held or in its history</source>
        <translation>ឧបករណ៍ %1 បានផ្ញើកំណែមួយនៃ %2 នៅការកែប្រែលើកទី %3 ដែលមិនដូចកំណែដែលបានរក្សាទុក ឬកំណែក្នុងប្រវត្តិរបស់វាទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="32"/>
        <source>the consultation “%1”</source>
        <translation>ការពិគ្រោះយោបល់ “%1”</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="33"/>
        <source>an entry of the consultation “%1”</source>
        <translation>មតិយោបល់មួយនៃការពិគ្រោះយោបល់ “%1”</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="34"/>
        <source>a note of the consultation “%1”</source>
        <translation>កំណត់ចំណាំមួយនៃការពិគ្រោះយោបល់ “%1”</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="35"/>
        <source>(untitled)</source>
        <translation>(គ្មានចំណងជើង)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_conflicts.py" line="37"/>
        <source>two central copies changed this record&apos;s implementation without seeing each other&apos;s change (met in %1&apos;s file %2)</source>
        <translation>ច្បាប់ចម្លងកណ្តាលពីរបានផ្លាស់ប្តូរស្ថានភាពអនុវត្តនៃកំណត់ត្រានេះ ដោយមិនបានឃើញការផ្លាស់ប្តូររបស់គ្នាទៅវិញទៅមក (ជួបក្នុងឯកសារ %2 របស់ %1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_text.py" line="84"/>
        <source>sheet &apos;%1&apos;</source>
        <translation>សន្លឹក &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_text.py" line="85"/>
        <source>row %1</source>
        <translation>ជួរដេកទី %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_text.py" line="86"/>
        <source>column %1</source>
        <translation>ជួរឈរ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="27"/>
        <source>The PostgreSQL server %1 refused the user name or password. Check them (in ~/.pgpass or PGPASSWORD) with whoever runs the server.</source>
        <translation>ម៉ាស៊ីនមេ PostgreSQL %1 បានបដិសេធឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់។ សូមពិនិត្យវា (នៅក្នុង ~/.pgpass ឬ PGPASSWORD) ជាមួយអ្នកដែលគ្រប់គ្រងម៉ាស៊ីនមេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="30"/>
        <source>The PostgreSQL server %1 cannot be reached: it is stopped, or this computer is not on its network. Try again later or ask whoever runs it.</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេ PostgreSQL %1 បានទេ៖ វាត្រូវបានបិទ ឬកុំព្យូទ័រនេះមិននៅលើបណ្តាញរបស់វា។ សូមព្យាយាមម្តងទៀតពេលក្រោយ ឬសួរអ្នកដែលគ្រប់គ្រងវា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="33"/>
        <source>The PostgreSQL server %1 has no such database: check the address.</source>
        <translation>ម៉ាស៊ីនមេ PostgreSQL %1 គ្មានមូលដ្ឋានទិន្នន័យនេះទេ៖ សូមពិនិត្យអាសយដ្ឋាន។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="35"/>
        <source>%1 is not a usable postgresql:// address.</source>
        <translation>%1 មិនមែនជាអាសយដ្ឋាន postgresql:// ដែលអាចប្រើបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue.py" line="36"/>
        <source>Cannot connect to the PostgreSQL server %1: %2</source>
        <translation>មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេ PostgreSQL %1 បានទេ៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="15"/>
        <source>%1 is not signed by a central copy, so nothing shows who wrote it. Nothing was merged.</source>
        <translation>%1 មិនបានចុះហត្ថលេខាដោយច្បាប់ចម្លងកណ្ដាលទេ ដូច្នេះគ្មានអ្វីបង្ហាញថាអ្នកណាសរសេរវាទេ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="19"/>
        <source>%1: values were changed after the file was written; a central exchange file is merged only as its central copy signed it. Nothing was merged: ask for a new file.</source>
        <translation>%1៖ តម្លៃត្រូវបានផ្លាស់ប្ដូរក្រោយពេលឯកសារត្រូវបានសរសេរ។ ឯកសារផ្លាស់ប្ដូរកណ្ដាលត្រូវបានបញ្ចូលគ្នាតែដូចដែលច្បាប់ចម្លងកណ្ដាលរបស់វាបានចុះហត្ថលេខាប៉ុណ្ណោះ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ៖ សូមស្នើសុំឯកសារថ្មី។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="24"/>
        <source>%1: exchange %2 of this central copy was merged on %3 with other values. Nothing was merged.</source>
        <translation>%1៖ ការផ្លាស់ប្ដូរ %2 នៃច្បាប់ចម្លងកណ្ដាលនេះត្រូវបានបញ្ចូលគ្នានៅ %3 ជាមួយតម្លៃផ្សេង។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="28"/>
        <source>%1 was written by this central copy: nothing to merge.</source>
        <translation>%1 ត្រូវបានសរសេរដោយច្បាប់ចម្លងកណ្ដាលនេះ៖ គ្មានអ្វីត្រូវបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="31"/>
        <source>%1 claims to be written by this central copy (%2) but is signed with another key (%3): a forgery. Nothing was merged.</source>
        <translation>%1 អះអាងថាត្រូវបានសរសេរដោយច្បាប់ចម្លងកណ្ដាលនេះ (%2) ប៉ុន្តែបានចុះហត្ថលេខាដោយកូនសោផ្សេង (%3)៖ ជាការក្លែងបន្លំ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="35"/>
        <source>%1: %2; only central copies may give implementation records. Nothing was merged.</source>
        <translation>%1៖ %2៖ មានតែច្បាប់ចម្លងកណ្ដាលទេដែលអាចផ្ដល់កំណត់ត្រាការអនុវត្តបាន។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="39"/>
        <source>%1: the central copy&apos;s signing key changed (a reinstalled copy, or a forgery): %2 signed its earlier files with key %3, this file with key %4. Nothing was merged: ask its staff what happened.</source>
        <translation>%1៖ កូនសោចុះហត្ថលេខារបស់ច្បាប់ចម្លងកណ្ដាលបានផ្លាស់ប្ដូរ (ច្បាប់ចម្លងដែលបានដំឡើងឡើងវិញ ឬការក្លែងបន្លំ)៖ %2 បានចុះហត្ថលេខាលើឯកសារមុនៗដោយកូនសោ %3 ហើយឯកសារនេះដោយកូនសោ %4។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ៖ សូមសួរបុគ្គលិករបស់វាថាមានអ្វីកើតឡើង។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="44"/>
        <source>Merged although the central copy&apos;s signing key changed (accepted): key %1 replaces %2 for %3.</source>
        <translation>បានបញ្ចូលគ្នា ទោះបីកូនសោចុះហត្ថលេខារបស់ច្បាប់ចម្លងកណ្ដាលបានផ្លាស់ប្ដូរក៏ដោយ (ត្រូវបានទទួលយក)៖ កូនសោ %1 ជំនួស %2 សម្រាប់ %3។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="48"/>
        <source>%1. Nothing was merged.</source>
        <translation>%1។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="51"/>
        <source>implementation: %1 new revisions, %2 known, %3 records changed, %4 concurrent changes kept as conflicts for review</source>
        <translation>ការអនុវត្ត៖ កំណែថ្មី %1, ស្គាល់រួចហើយ %2, កំណត់ត្រាបានផ្លាស់ប្ដូរ %3, ការផ្លាស់ប្ដូរព្រមគ្នា %4 ត្រូវបានរក្សាទុកជាភាពផ្ទុយគ្នាសម្រាប់ពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="55"/>
        <source>implementation: %1 new revisions, %2 known, %3 records changed</source>
        <translation>ការអនុវត្ត៖ កំណែថ្មី %1, ស្គាល់រួចហើយ %2, កំណត់ត្រាបានផ្លាស់ប្ដូរ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="58"/>
        <source>%1 (%2) is a field laptop here (its field exports were merged)</source>
        <translation>%1 (%2) ជាកុំព្យូទ័រយួរដៃមូលដ្ឋាននៅទីនេះ (ឯកសារនាំចេញរបស់វាត្រូវបានបញ្ចូលគ្នា)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="61"/>
        <source>it is signed with the key of field laptop %1 (%2)</source>
        <translation>វាត្រូវបានចុះហត្ថលេខាដោយកូនសោរបស់កុំព្យូទ័រយួរដៃមូលដ្ឋាន %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="64"/>
        <source>%1: the revision says it was made by %2, a field laptop here (its field exports were merged)</source>
        <translation>%1៖ កំណែនេះថាវាត្រូវបានធ្វើដោយ %2 ដែលជាកុំព្យូទ័រយួរដៃមូលដ្ឋាននៅទីនេះ (ឯកសារនាំចេញរបស់វាត្រូវបានបញ្ចូលគ្នា)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="68"/>
        <source>%1: based on revision %2..., which is neither in the file nor held here: the history is incomplete</source>
        <translation>%1៖ ផ្អែកលើកំណែ %2... ដែលមិនមាននៅក្នុងឯកសារ ហើយក៏មិនមាននៅទីនេះដែរ៖ ប្រវត្តិមិនពេញលេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="72"/>
        <source>%1: %2 not in the institutions sheet nor in this copy&apos;s list</source>
        <translation>%1៖ %2 មិនមាននៅក្នុងសន្លឹក institutions ហើយក៏មិនមាននៅក្នុងបញ្ជីរបស់ច្បាប់ចម្លងនេះដែរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="75"/>
        <source>%1 institutions added: %2</source>
        <translation>បានបន្ថែមស្ថាប័ន %1៖ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="78"/>
        <source>%1 institutions changed by %2 (the later change wins): %3</source>
        <translation>ស្ថាប័ន %1 ត្រូវបានផ្លាស់ប្ដូរដោយ %2 (ការផ្លាស់ប្ដូរចុងក្រោយឈ្នះ)៖ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="81"/>
        <source>consent narrowed on the laptop applied here: %1 entries and %2 photos or recordings wiped, %3 copies kept for review dropped</source>
        <translation>ការយល់ព្រមដែលបានបង្រួមនៅលើកុំព្យូទ័រយួរដៃ ត្រូវបានអនុវត្តនៅទីនេះ៖ ធាតុ %1 និងរូបថត ឬការថតសំឡេង %2 ត្រូវបានលុបចោល ច្បាប់ចម្លងដែលរក្សាទុកសម្រាប់ពិនិត្យ %3 ត្រូវបានដកចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="85"/>
        <source>version %1 is not one this app reads (%2): update the app</source>
        <translation>កំណែ %1 មិនមែនជាកំណែដែលកម្មវិធីនេះអានបានទេ (%2)៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="88"/>
        <source>is not the record id of this catalog and code (changed after the file was written)</source>
        <translation>មិនមែនជាលេខសម្គាល់កំណត់ត្រានៃកាតាឡុក និងលេខកូដនេះទេ (ត្រូវបានផ្លាស់ប្ដូរក្រោយពេលឯកសារត្រូវបានសរសេរ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="92"/>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="56"/>
        <source>%1 is not one of %2</source>
        <translation>%1 មិនមែនជាតម្លៃមួយក្នុងចំណោម %2 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="95"/>
        <source>holds something that is not an institution key</source>
        <translation>មានអ្វីមួយដែលមិនមែនជាកូដស្ថាប័ន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="98"/>
        <source>%1 is not an institution key</source>
        <translation>%1 មិនមែនជាកូដស្ថាប័នទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="104"/>
        <source>is longer than %1 characters</source>
        <translation>វែងជាង %1 តួអក្សរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="107"/>
        <source>does not match the revision&apos;s values: they were changed after the file was written</source>
        <translation>មិនត្រូវនឹងតម្លៃរបស់កំណែទេ៖ តម្លៃទាំងនោះត្រូវបានផ្លាស់ប្ដូរក្រោយពេលឯកសារត្រូវបានសរសេរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="111"/>
        <source>expected 0 or 1</source>
        <translation>ត្រូវតែជា 0 ឬ 1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="114"/>
        <source>holds %1 rows but the manifest says %2</source>
        <translation>មាន %1 ជួរដេក ប៉ុន្តែ manifest ថាមាន %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="117"/>
        <source>appears twice</source>
        <translation>មានពីរដង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="121"/>
        <source>row 2 must hold the keys %1 in that order</source>
        <translation>ជួរដេកទី 2 ត្រូវតែមានកូដ %1 តាមលំដាប់នោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="124"/>
        <source>holds more than %1 rows</source>
        <translation>មានច្រើនជាង %1 ជួរដេក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="127"/>
        <source>the same consultation and person appear twice</source>
        <translation>ការពិគ្រោះយោបល់ និងបុគ្គលដដែលមានពីរដង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="130"/>
        <source>uuid is missing or too long</source>
        <translation>uuid បាត់ ឬវែងពេក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="133"/>
        <source>consultation_uuid is missing or too long</source>
        <translation>លេខសម្គាល់កិច្ចពិគ្រោះយោបល់ (consultation_uuid) បាត់ ឬវែងពេក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="136"/>
        <source>media_type %1 is not one this app keeps</source>
        <translation>media_type %1 មិនមែនជាប្រភេទដែលកម្មវិធីនេះរក្សាទុកទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="139"/>
        <source>size %1 is over the limit for %2</source>
        <translation>ទំហំ %1 លើសដែនកំណត់សម្រាប់ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="142"/>
        <source>sha256 is not 64 hexadecimal digits</source>
        <translation>sha256 មិនមែនជាលេខគោលដប់ប្រាំមួយ 64 ខ្ទង់ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="145"/>
        <source>%1 must be yes or no</source>
        <translation>%1 ត្រូវតែជា yes ឬ no</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="148"/>
        <source>%1 must be a whole number</source>
        <translation>%1 ត្រូវតែជាចំនួនគត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="152"/>
        <source>%1 attachments listed but no %2 beside the workbook: merge again with the archive beside it.</source>
        <translation>ឯកសារភ្ជាប់ %1 ត្រូវបានរាយ ប៉ុន្តែគ្មាន %2 នៅក្បែរឯកសារ Excel ទេ៖ សូមបញ្ចូលគ្នាម្ដងទៀត ដោយដាក់បណ្ណសារនៅក្បែរវា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="156"/>
        <source>%1 rejected, none of its %2 attachments kept: %3</source>
        <translation>%1 ត្រូវបានបដិសេធ គ្មានឯកសារភ្ជាប់ណាមួយក្នុងចំណោម %2 ត្រូវបានរក្សាទុកទេ៖ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="159"/>
        <source>%1 rejected, none of its %2 attachments kept: cannot be read (%3)</source>
        <translation>%1 ត្រូវបានបដិសេធ គ្មានឯកសារភ្ជាប់ណាមួយក្នុងចំណោម %2 ត្រូវបានរក្សាទុកទេ៖ មិនអាចអានបាន (%3)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="162"/>
        <source>wrong or missing password</source>
        <translation>ពាក្យសម្ងាត់មិនត្រឹមត្រូវ ឬបាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="165"/>
        <source>not a regular file</source>
        <translation>មិនមែនជាឯកសារធម្មតាទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="168"/>
        <source>%1 bytes, more than the %2 bytes of files its workbook lists</source>
        <translation>%1 បៃ ច្រើនជាងឯកសារ %2 បៃ ដែលឯកសារ Excel របស់វារាយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="171"/>
        <source>not a readable zip archive (%1)</source>
        <translation>មិនមែនជាបណ្ណសារ zip ដែលអាចអានបានទេ (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="174"/>
        <source>member %1 holds more than its listed %2 bytes</source>
        <translation>ធាតុ %1 មានច្រើនជាង %2 បៃ ដែលបានរាយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="177"/>
        <source>member %1 is not the %2 its workbook lists</source>
        <translation>ធាតុ %1 មិនមែនជា %2 ដែលឯកសារ Excel របស់វារាយទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="180"/>
        <source>member %1 holds %2 bytes, not the listed %3</source>
        <translation>ធាតុ %1 មាន %2 បៃ មិនមែន %3 ដែលបានរាយទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="183"/>
        <source>a member appears twice</source>
        <translation>ធាតុមួយមានពីរដង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="186"/>
        <source>unexpected member %1 (only files/&lt;sha256&gt;)</source>
        <translation>ធាតុមិនរំពឹងទុក %1 (មានតែ files/&lt;sha256&gt; ប៉ុណ្ណោះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="189"/>
        <source>member %1 is not listed in the workbook</source>
        <translation>ធាតុ %1 មិនត្រូវបានរាយក្នុងឯកសារ Excel ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="192"/>
        <source>member %1 says %2 bytes, the workbook lists %3</source>
        <translation>ធាតុ %1 ថាមាន %2 បៃ ប៉ុន្តែឯកសារ Excel រាយ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="195"/>
        <source>the listed file %1… is not in the archive</source>
        <translation>ឯកសារដែលបានរាយ %1… មិនមាននៅក្នុងបណ្ណសារទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="198"/>
        <source>a member holds more than its listed size</source>
        <translation>ធាតុមួយមានទំហំធំជាងទំហំដែលបានរាយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="201"/>
        <source>member files/%1 does not hash to its name (changed after export)</source>
        <translation>ធាតុ files/%1 មិនត្រូវនឹងឈ្មោះរបស់វាទេ (ត្រូវបានផ្លាស់ប្ដូរក្រោយការនាំចេញ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="204"/>
        <source>attachment %1 (%2) was changed on two laptops: kept the later caption and kind and the stricter sensitivity; check it</source>
        <translation>ឯកសារភ្ជាប់ %1 (%2) ត្រូវបានកែប្រែនៅលើកុំព្យូទ័រយួរដៃពីរ៖ បានរក្សាចំណងជើង និងប្រភេទចុងក្រោយ និងកម្រិតរសើបដែលតឹងរ៉ឹងជាង។ សូមពិនិត្យវា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="209"/>
        <source>a formula%1: workbooks are merged as values only. Type the value itself (was the file edited in a spreadsheet?)</source>
        <translation>រូបមន្ត%1៖ ឯកសារ Excel ត្រូវបានបញ្ចូលគ្នាតែជាតម្លៃប៉ុណ្ណោះ។ សូមវាយតម្លៃផ្ទាល់ (តើឯកសារត្រូវបានកែក្នុងកម្មវិធីតារាងទេ?)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="213"/>
        <source>cells refer to shared text that would grow to %1 bytes from %2 bytes of sheet XML (at most %3): refused as a shared-strings bomb</source>
        <translation>ក្រឡាយោងទៅអត្ថបទរួមដែលនឹងពង្រីកដល់ %1 បៃ ពី XML សន្លឹក %2 បៃ (យ៉ាងច្រើន %3)៖ ត្រូវបានបដិសេធ ព្រោះជាគ្រាប់បែកអត្ថបទរួម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="218"/>
        <source>filled capture template: recorded as a consultation of its own</source>
        <translation>គំរូកត់ត្រាដែលបានបំពេញ៖ ត្រូវបានកត់ត្រាជាការពិគ្រោះយោបល់ដាច់ដោយឡែក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="221"/>
        <source>another filling of this template was merged on %1 (as %2); this one is a separate consultation: if it corrects that one, remove the older</source>
        <translation>ការបំពេញមួយទៀតនៃគំរូនេះត្រូវបានបញ្ចូលគ្នានៅ %1 (ជា %2)៖ ការបំពេញនេះជាការពិគ្រោះយោបល់ដាច់ដោយឡែក៖ ប្រសិនបើវាកែតម្រូវការបំពេញមុន សូមលុបការបំពេញចាស់ចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="225"/>
        <source>capture template: not signed by a device</source>
        <translation>គំរូកត់ត្រា៖ មិនបានចុះហត្ថលេខាដោយឧបករណ៍ណាមួយទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="228"/>
        <source>feedback refers to recommendation code(s) the central catalog lacks: %1; kept and flagged</source>
        <translation>មតិយោបល់យោងទៅលេខកូដអនុសាសន៍ដែលកាតាឡុកកណ្ដាលមិនមាន៖ %1៖ ត្រូវបានរក្សាទុក ហើយដាក់សញ្ញាសម្គាល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="232"/>
        <source>the details sheet does not give the %1; recorded as final all the same</source>
        <translation>សន្លឹកព័ត៌មានលម្អិតមិនបានផ្ដល់ %1 ទេ៖ ទោះជាយ៉ាងណា ត្រូវបានកត់ត្រាថាបានបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="235"/>
        <source>stakeholder group</source>
        <translation>ក្រុមអ្នកពាក់ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="238"/>
        <source>province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="241"/>
        <source>date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="244"/>
        <source>participant counts</source>
        <translation>ចំនួនអ្នកចូលរួម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="248"/>
        <source>How consent was given (%1)</source>
        <translation>របៀបផ្តល់ការយល់ព្រម (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="249"/>
        <source>Quotes agreed to (%1)</source>
        <translation>ការយល់ព្រមលើសម្រង់សម្តី (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="250"/>
        <source>Photos agreed to (%1)</source>
        <translation>ការយល់ព្រមលើរូបថត (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="251"/>
        <source>Recordings agreed to (%1)</source>
        <translation>ការយល់ព្រមលើការថតសំឡេង (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="252"/>
        <source>What is said may be attributed to (%1)</source>
        <translation>អ្វីដែលបាននិយាយ អាចបញ្ជាក់ប្រភពថាមកពី (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="254"/>
        <source>Who may see it (%1)</source>
        <translation>អ្នកដែលអាចមើលបាន (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="255"/>
        <source>Consent withdrawn (%1)</source>
        <translation>ការយល់ព្រមត្រូវបានដកវិញ (%1)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="257"/>
        <source>%1 must be yes or no, not %2</source>
        <translation>%1 ត្រូវតែជា បាទ/ចាស ឬ ទេ (yes ឬ no) មិនមែន %2 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="260"/>
        <source>%1 must be one of %2, not %3</source>
        <translation>%1 ត្រូវតែជាតម្លៃមួយក្នុងចំណោម %2 មិនមែន %3 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="263"/>
        <source>the keep-until date must be a date (YYYY-MM-DD), not %1</source>
        <translation>កាលបរិច្ឆេទរក្សាទុករហូតដល់ ត្រូវតែជាកាលបរិច្ឆេទ (YYYY-MM-DD) មិនមែន %1 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="266"/>
        <source>%1 is %2 characters long; the limit is %3</source>
        <translation>%1 មានប្រវែង %2 តួអក្សរ៖ កម្រិតអតិបរមាគឺ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="269"/>
        <source>%1 holds a control character</source>
        <translation>%1 មានតួអក្សរបញ្ជាដែលមិនអនុញ្ញាត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="272"/>
        <source>Consent not saved: %1</source>
        <translation>មិនបានរក្សាទុកការយល់ព្រមទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="275"/>
        <source>Consent not saved: to take consent back, use Withdraw consent, which also wipes what it covered.</source>
        <translation>មិនបានរក្សាទុកការយល់ព្រមទេ៖ ដើម្បីដកការយល់ព្រមវិញ សូមប្រើ «ដកការយល់ព្រម» ដែលលុបចោលអ្វីៗដែលវាគ្របដណ្ដប់ផងដែរ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="279"/>
        <source>Consent not saved: it was withdrawn, and what it covered was wiped; a withdrawal cannot be undone (record anything new as a new entry with its own consent).</source>
        <translation>មិនបានរក្សាទុកការយល់ព្រមទេ៖ វាត្រូវបានដកវិញ ហើយអ្វីៗដែលវាគ្របដណ្ដប់ត្រូវបានលុបចោល។ ការដកវិញមិនអាចត្រឡប់វិញបានទេ (សូមកត់ត្រាអ្វីដែលថ្មីជាធាតុថ្មីដែលមានការយល់ព្រមផ្ទាល់ខ្លួន)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="285"/>
        <source>%1: this file (%2) is larger than any backup of this database can be (%3). Nothing was changed.</source>
        <translation>%1៖ ឯកសារនេះ (%2) ធំជាងការបម្រុងទុកណាមួយនៃមូលដ្ឋានទិន្នន័យនេះអាចមាន (%3)។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="289"/>
        <source>%1: no such folder. Nothing was changed.</source>
        <translation>%1៖ មិនមានថតនេះទេ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="292"/>
        <source>%1: the data folder is read-only, so the backup cannot be put in place. Nothing was changed.</source>
        <translation>%1៖ ថតទិន្នន័យអាចតែអានបានប៉ុណ្ណោះ ដូច្នេះមិនអាចដាក់ការបម្រុងទុកជំនួសបានទេ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="296"/>
        <source>%1: cannot write in the data folder (%2). Nothing was changed.</source>
        <translation>%1៖ មិនអាចសរសេរក្នុងថតទិន្នន័យបានទេ (%2)។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="299"/>
        <source>%1: this backup is damaged: it is not a database, nor protected by the database&apos;s passphrase (a backup made under an earlier passphrase opens only with that one). Nothing was changed.</source>
        <translation>%1៖ ការបម្រុងទុកនេះខូច៖ វាមិនមែនជាមូលដ្ឋានទិន្នន័យ ហើយក៏មិនត្រូវបានការពារដោយឃ្លាសម្ងាត់របស់មូលដ្ឋានទិន្នន័យដែរ (ការបម្រុងទុកដែលបានធ្វើក្រោមឃ្លាសម្ងាត់មុន បើកបានតែជាមួយឃ្លាសម្ងាត់នោះប៉ុណ្ណោះ)។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="304"/>
        <source>%1: the database is in use elsewhere (this app open a second time, or a command or script using this data folder): close it, then restore. Nothing was changed.</source>
        <translation>%1៖ មូលដ្ឋានទិន្នន័យកំពុងត្រូវបានប្រើនៅកន្លែងផ្សេង (កម្មវិធីនេះបើកលើកទីពីរ ឬពាក្យបញ្ជា ឬស្គ្រីបដែលប្រើថតទិន្នន័យនេះ)៖ សូមបិទវា រួចស្ដារឡើងវិញ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="309"/>
        <source>%1: this is not a backup of this app&apos;s database. Nothing was changed.</source>
        <translation>%1៖ នេះមិនមែនជាការបម្រុងទុកនៃមូលដ្ឋានទិន្នន័យរបស់កម្មវិធីនេះទេ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="312"/>
        <source>%1: this backup was written by a newer version of the app: update the app first. Nothing was changed.</source>
        <translation>%1៖ ការបម្រុងទុកនេះត្រូវបានសរសេរដោយកំណែថ្មីជាងនៃកម្មវិធី៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធីជាមុនសិន។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="316"/>
        <source>%1: this is not a database this app wrote: it holds %2. Nothing was changed.</source>
        <translation>%1៖ នេះមិនមែនជាមូលដ្ឋានទិន្នន័យដែលកម្មវិធីនេះបានសរសេរទេ៖ វាមាន %2។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="319"/>
        <source>%1: this is not a database this app wrote: %2. Nothing was changed.</source>
        <translation>%1៖ នេះមិនមែនជាមូលដ្ឋានទិន្នន័យដែលកម្មវិធីនេះបានសរសេរទេ៖ %2។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="322"/>
        <source>%1 is the database itself, not a backup of it.</source>
        <translation>%1 គឺជាមូលដ្ឋានទិន្នន័យខ្លួនឯង មិនមែនជាការបម្រុងទុករបស់វាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="325"/>
        <source>%1: a passphrase is being set, changed or removed by another copy of the app, or its conversion was interrupted: close the other copy, then try again.</source>
        <translation>%1៖ ឃ្លាសម្ងាត់កំពុងត្រូវបានកំណត់ ផ្លាស់ប្ដូរ ឬដកចេញដោយកម្មវិធីនេះមួយទៀត ឬការបំប្លែងរបស់វាត្រូវបានរំខាន៖ សូមបិទកម្មវិធីមួយទៀតនោះ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="330"/>
        <source>the file name holds a control or invisible character: rename the file</source>
        <translation>ឈ្មោះឯកសារមានតួអក្សរបញ្ជា ឬតួអក្សរដែលមើលមិនឃើញ៖ សូមប្ដូរឈ្មោះឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="333"/>
        <source>the file name must be a plain name, without a folder</source>
        <translation>ឈ្មោះឯកសារត្រូវតែជាឈ្មោះធម្មតា ដោយគ្មានថត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="336"/>
        <source>the file name is %1 characters long; the limit is %2</source>
        <translation>ឈ្មោះឯកសារមានប្រវែង %1 តួអក្សរ៖ កម្រិតអតិបរមាគឺ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="339"/>
        <source>the caption holds a control character</source>
        <translation>ចំណងជើងមានតួអក្សរបញ្ជាដែលមិនអនុញ្ញាត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="342"/>
        <source>the caption is %1 characters long; the limit is %2</source>
        <translation>ចំណងជើងមានប្រវែង %1 តួអក្សរ៖ កម្រិតអតិបរមាគឺ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="345"/>
        <source>the kind must be one of %1, not %2</source>
        <translation>ប្រភេទត្រូវតែជាមួយក្នុងចំណោម %1 មិនមែន %2 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="348"/>
        <source>the content is not %1 (checked by its first bytes, whatever its name says)</source>
        <translation>ខ្លឹមសារមិនមែនជា %1 ទេ (បានពិនិត្យតាមបៃដំបូងរបស់វា ទោះឈ្មោះរបស់វានិយាយយ៉ាងណាក៏ដោយ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="351"/>
        <source>the content is %1, which a &apos;%2&apos; attachment cannot be</source>
        <translation>ខ្លឹមសារគឺជា %1 ដែលឯកសារភ្ជាប់ប្រភេទ &apos;%2&apos; មិនអាចជាបានទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="354"/>
        <source>the name ends in %1 but the content is %2; a file whose name and content disagree is refused</source>
        <translation>ឈ្មោះបញ្ចប់ដោយ %1 ប៉ុន្តែខ្លឹមសារគឺ %2៖ ឯកសារដែលឈ្មោះ និងខ្លឹមសារមិនស្របគ្នា ត្រូវបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="358"/>
        <source>%1 bytes is over the %2 MB limit for %3</source>
        <translation>%1 បៃ លើសកម្រិត %2 MB សម្រាប់ %3</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="361"/>
        <source>the file is empty</source>
        <translation>ឯកសារទទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="364"/>
        <source>this consultation already holds %1 MB of attachments; adding %2 MB would pass its %3 MB limit</source>
        <translation>កិច្ចពិគ្រោះយោបល់នេះមានឯកសារភ្ជាប់ %1 MB រួចហើយ៖ ការបន្ថែម %2 MB នឹងលើសកម្រិត %3 MB របស់វា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="368"/>
        <source>%1: no such file</source>
        <translation>%1៖ មិនមានឯកសារនេះទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="371"/>
        <source>%1 is a folder, not a file</source>
        <translation>%1 គឺជាថត មិនមែនជាឯកសារទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="374"/>
        <source>%1 is not a regular file (a folder, pipe, device or socket): refused unread</source>
        <translation>%1 មិនមែនជាឯកសារធម្មតាទេ (ថត បំពង់ ឧបករណ៍ ឬ socket)៖ ត្រូវបានបដិសេធដោយមិនបានអាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="377"/>
        <source>%1 cannot be read (%2)</source>
        <translation>មិនអាចអាន %1 បានទេ (%2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="380"/>
        <source>the content is not a valid %1 image</source>
        <translation>ខ្លឹមសារមិនមែនជារូបភាព %1 ដែលត្រឹមត្រូវទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="383"/>
        <source>the image is %1 x %2 pixels; the limit is %3 megapixels</source>
        <translation>រូបភាពមានទំហំ %1 x %2 ភីកសែល៖ កម្រិតអតិបរមាគឺ %3 មេហ្គាភីកសែល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="386"/>
        <source>the image is larger than %1 megapixels</source>
        <translation>រូបភាពធំជាង %1 មេហ្គាភីកសែល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="389"/>
        <source>the content is not a valid %1 image (%2)</source>
        <translation>ខ្លឹមសារមិនមែនជារូបភាព %1 ដែលត្រឹមត្រូវទេ (%2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="392"/>
        <source>This consultation is final: reopen it before adding attachments.</source>
        <translation>កិច្ចពិគ្រោះយោបល់នេះបានបញ្ចប់ហើយ៖ សូមបើកវាឡើងវិញ មុននឹងបន្ថែមឯកសារភ្ជាប់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="395"/>
        <source>the PDF is incomplete (it does not end as a PDF ends)</source>
        <translation>ឯកសារ PDF មិនពេញលេញ (វាមិនបញ្ចប់ដូចឯកសារ PDF ធម្មតាទេ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="398"/>
        <source>a %1 file cannot be a &apos;%2&apos; attachment</source>
        <translation>ឯកសារ %1 មិនអាចជាឯកសារភ្ជាប់ប្រភេទ &apos;%2&apos; បានទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="402"/>
        <source>%1: cannot tell the catalog&apos;s format from the file name (.csv, .json or .xlsx)</source>
        <translation>%1៖ មិនអាចដឹងទម្រង់របស់កាតាឡុកពីឈ្មោះឯកសារបានទេ (.csv, .json ឬ .xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="406"/>
        <source>%1: no recommendation matched (%2)</source>
        <translation>%1៖ គ្មានអនុសាសន៍ណាមួយត្រូវគ្នាទេ (%2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="409"/>
        <source>%1: the first sheet cannot be read (%2)</source>
        <translation>%1៖ មិនអាចអានសន្លឹកទីមួយបានទេ (%2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="412"/>
        <source>%1: %2 row(s) cannot be read: %3. Nothing was imported.</source>
        <translation>%1៖ មិនអាចអានជួរដេក %2 បានទេ៖ %3។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="415"/>
        <source>%1: the catalog was changed after the office signed it (its values or its signature do not match). Nothing was imported.</source>
        <translation>%1៖ កាតាឡុកត្រូវបានផ្លាស់ប្ដូរក្រោយពេលការិយាល័យបានចុះហត្ថលេខាលើវា (តម្លៃ ឬហត្ថលេខារបស់វាមិនត្រូវគ្នា)។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="419"/>
        <source>%1: signed by a key this laptop does not trust (not the office key it took its catalogs from). Nothing was imported.</source>
        <translation>%1៖ បានចុះហត្ថលេខាដោយកូនសោដែលកុំព្យូទ័រយួរដៃនេះមិនទុកចិត្ត (មិនមែនកូនសោរបស់ការិយាល័យដែលវាបានយកកាតាឡុកពីមុន)។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="423"/>
        <source>%1: catalog %2 came signed by the office and this workbook is not signed. Nothing was imported.</source>
        <translation>%1៖ កាតាឡុក %2 បានមកដោយមានហត្ថលេខារបស់ការិយាល័យ ប៉ុន្តែឯកសារ Excel នេះមិនមានហត្ថលេខាទេ។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="427"/>
        <source>%1: the workbook is not signed; this laptop takes catalogs signed by its office only. Nothing was imported.</source>
        <translation>%1៖ ឯកសារ Excel នេះមិនមានហត្ថលេខាទេ៖ កុំព្យូទ័រយួរដៃនេះទទួលយកតែកាតាឡុកដែលមានហត្ថលេខារបស់ការិយាល័យរបស់វាប៉ុណ្ណោះ។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_exchange.py" line="431"/>
        <source>Catalog %1 version %2 is older than the version %3 already loaded. Nothing was changed.</source>
        <translation>កាតាឡុក %1 កំណែ %2 ចាស់ជាងកំណែ %3 ដែលបានផ្ទុករួចហើយ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="17"/>
        <source>%1: the file is damaged (an old-format or protected workbook that cannot be opened).</source>
        <translation>%1៖ ឯកសារខូច (ឯកសារ Excel ទម្រង់ចាស់ ឬឯកសារដែលបានការពារ ដែលមិនអាចបើកបាន)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="19"/>
        <source>%1 is an old-format Excel file (.xls): save it as .xlsx and try again.</source>
        <translation>%1 គឺជាឯកសារ Excel ទម្រង់ចាស់ (.xls)៖ សូមរក្សាទុកវាជា .xlsx រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="21"/>
        <source>%1 is protected by a password: give its password.</source>
        <translation>%1 ត្រូវបានការពារដោយពាក្យសម្ងាត់៖ សូមផ្ដល់ពាក្យសម្ងាត់របស់វា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="23"/>
        <source>%1 is not a workbook this app can read.</source>
        <translation>%1 មិនមែនជាឯកសារ Excel ដែលកម្មវិធីនេះអាចអានបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="25"/>
        <source>%1: the file is damaged (a protected workbook that cannot be decrypted).</source>
        <translation>%1៖ ឯកសារខូច (ឯកសារ Excel ដែលបានការពារ ហើយមិនអាចដោះកូដបាន)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="27"/>
        <source>%1: part %2 is named outside the archive: refused.</source>
        <translation>%1៖ ផ្នែក %2 មានឈ្មោះនៅខាងក្រៅបណ្ណសារ៖ ត្រូវបានបដិសេធ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="29"/>
        <source>%1: part %2 appears twice in the archive: refused (programs disagree on which one counts).</source>
        <translation>%1៖ ផ្នែក %2 មានពីរដងក្នុងបណ្ណសារ៖ ត្រូវបានបដិសេធ (កម្មវិធីនានាមិនយល់ស្របគ្នាថាមួយណាត្រូវរាប់)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="31"/>
        <source>%1 contains macros: only plain .xlsx exports are accepted.</source>
        <translation>%1 មានម៉ាក្រូ៖ ទទួលយកតែឯកសារនាំចេញ .xlsx ធម្មតាប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="33"/>
        <source>%1 links to other files (external links): it is not an export.</source>
        <translation>%1 មានតំណទៅឯកសារផ្សេង (តំណខាងក្រៅ)៖ វាមិនមែនជាឯកសារនាំចេញទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="35"/>
        <source>%1 contains embedded objects: it is not an export.</source>
        <translation>%1 មានវត្ថុដែលបានបង្កប់នៅខាងក្នុង៖ វាមិនមែនជាឯកសារនាំចេញទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="37"/>
        <source>%1: part %2 would unpack to %3 bytes from %4: refused as a zip bomb.</source>
        <translation>%1៖ ផ្នែក %2 នឹងពង្រីកពី %4 បៃ ទៅជា %3 បៃ៖ ត្រូវបានបដិសេធ ព្រោះជាគ្រាប់បែក zip។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="39"/>
        <source>%1 would unpack to %2 bytes: refused as too large.</source>
        <translation>%1 នឹងពង្រីកទៅជា %2 បៃ៖ ត្រូវបានបដិសេធ ព្រោះធំពេក។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="41"/>
        <source>%1: the file is damaged (part %2 cannot be unpacked).</source>
        <translation>%1៖ ឯកសារខូច (មិនអាចពន្លាផ្នែក %2 បានទេ)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="43"/>
        <source>%1: part %2 declares a document type (DTD): refused.</source>
        <translation>%1៖ ផ្នែក %2 ប្រកាសប្រភេទឯកសារ (DTD)៖ ត្រូវបានបដិសេធ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="45"/>
        <source>%1: %2 bytes is too large for an export.</source>
        <translation>%1៖ %2 បៃ គឺធំពេកសម្រាប់ឯកសារនាំចេញ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="47"/>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="125"/>
        <source>%1: the file is empty.</source>
        <translation>%1៖ ឯកសារទទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="48"/>
        <source>%1: the workbook cannot be read.</source>
        <translation>%1៖ មិនអាចអានឯកសារ Excel នេះបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="51"/>
        <source>must be a whole number, not %1</source>
        <translation>ត្រូវតែជាចំនួនគត់ មិនមែន %1 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="52"/>
        <source>cannot be negative</source>
        <translation>មិនអាចជាចំនួនអវិជ្ជមានបានទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="53"/>
        <source>must be at most %1, not %2</source>
        <translation>ត្រូវតែមិនលើសពី %1 មិនមែន %2 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="54"/>
        <source>must be yes or no, not %1</source>
        <translation>ត្រូវតែជា បាទ/ចាស ឬ ទេ មិនមែន %1 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="55"/>
        <source>must be a date (YYYY-MM-DD), not %1</source>
        <translation>ត្រូវតែជាកាលបរិច្ឆេទ (ឆ្នាំ-ខែ-ថ្ងៃ) មិនមែន %1 ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="57"/>
        <source>%1 is not in its list</source>
        <translation>%1 មិនមាននៅក្នុងបញ្ជីរបស់វាទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="58"/>
        <source>is more than the %1 participants (women, men and others)</source>
        <translation>លើសពីចំនួនអ្នកចូលរួម %1 នាក់ (ស្ត្រី បុរស និងផ្សេងទៀត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="60"/>
        <source>is before the start date</source>
        <translation>នៅមុនកាលបរិច្ឆេទចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="62"/>
        <source>the header row of machine keys is missing column(s) %1</source>
        <translation>ជួរដេកក្បាលនៃកូនសោម៉ាស៊ីន ខ្វះជួរឈរ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="64"/>
        <source>template version %1 is not one this app reads (%2): update the app</source>
        <translation>គំរូកំណែ %1 មិនមែនជាកំណែដែលកម្មវិធីនេះអានបានទេ (%2)៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="66"/>
        <source>a template records one consultation, on row %1: this is a second row of details</source>
        <translation>គំរូមួយកត់ត្រាការពិគ្រោះយោបល់តែមួយ នៅជួរដេក %1៖ នេះជាជួរដេកព័ត៌មានលម្អិតទីពីរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="68"/>
        <source>the value %1 %2</source>
        <translation>តម្លៃ %1 %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="69"/>
        <source>%1 (row %2)</source>
        <translation>%1 (ជួរដេកទី %2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="70"/>
        <source>this row is filled in but has no recommendation code</source>
        <translation>ជួរដេកនេះត្រូវបានបំពេញ ប៉ុន្តែគ្មានលេខកូដអនុសាសន៍ទេ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="71"/>
        <source>nothing filled in: the details and feedback sheets are both empty</source>
        <translation>មិនបានបំពេញអ្វីទាំងអស់៖ សន្លឹកព័ត៌មានលម្អិត និងសន្លឹកមតិយោបល់ ទទេទាំងពីរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="73"/>
        <source>nothing filled in: the details and feedback sheets are both empty (a template needs more than notes)</source>
        <translation>មិនបានបំពេញអ្វីទាំងអស់៖ សន្លឹកព័ត៌មានលម្អិត និងសន្លឹកមតិយោបល់ ទទេទាំងពីរ (គំរូមួយត្រូវការច្រើនជាងកំណត់ចំណាំ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="76"/>
        <source>This consultation is no longer in the database (deleted meanwhile?).</source>
        <translation>ការពិគ្រោះយោបល់នេះលែងមាននៅក្នុងមូលដ្ឋានទិន្នន័យហើយ (ត្រូវបានលុបក្នុងពេលនេះឬ?)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="78"/>
        <source>This attachment is no longer in the database (deleted meanwhile?).</source>
        <translation>ឯកសារភ្ជាប់នេះលែងមាននៅក្នុងមូលដ្ឋានទិន្នន័យហើយ (ត្រូវបានលុបក្នុងពេលនេះឬ?)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="80"/>
        <source>%1 is a folder or a link: choose a file name.</source>
        <translation>%1 គឺជាថត ឬតំណ៖ សូមជ្រើសរើសឈ្មោះឯកសារ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="82"/>
        <source>The stored copy of the attachment %1 is damaged (its bytes do not match their SHA-256). Nothing was saved.</source>
        <translation>ច្បាប់ចម្លងដែលបានរក្សាទុកនៃឯកសារភ្ជាប់ %1 ខូច (បៃរបស់វាមិនត្រូវនឹង SHA-256 របស់វាទេ)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="85"/>
        <source>%1 is a link: choose a new folder.</source>
        <translation>%1 គឺជាតំណ៖ សូមជ្រើសរើសថតថ្មីមួយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="86"/>
        <source>%1 exists and is not a folder: choose a new folder.</source>
        <translation>%1 មានរួចហើយ ហើយមិនមែនជាថតទេ៖ សូមជ្រើសរើសថតថ្មីមួយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="88"/>
        <source>%1 exists and is not empty: choose a new or empty folder.</source>
        <translation>%1 មានរួចហើយ ហើយមិនទទេទេ៖ សូមជ្រើសរើសថតថ្មី ឬថតទទេមួយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="90"/>
        <source>%1: no such folder.</source>
        <translation>%1៖ មិនមានថតនេះទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="92"/>
        <source>%1 is too large to be a merge receipt.</source>
        <translation>%1 ធំពេកមិនអាចជាបង្កាន់ដៃបញ្ចូលគ្នាបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="93"/>
        <source>%1 is not a merge receipt, or it is damaged.</source>
        <translation>%1 មិនមែនជាបង្កាន់ដៃបញ្ចូលគ្នាទេ ឬវាខូច។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="94"/>
        <source>%1 is not a merge receipt of this app.</source>
        <translation>%1 មិនមែនជាបង្កាន់ដៃបញ្ចូលគ្នារបស់កម្មវិធីនេះទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="95"/>
        <source>%1: receipt version %2 is not one this app reads (%3): update the app.</source>
        <translation>%1៖ បង្កាន់ដៃកំណែ %2 មិនមែនជាកំណែដែលកម្មវិធីនេះអានបានទេ (%3)៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធី។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="97"/>
        <source>%1: the receipt is damaged (its contents are not in the expected form). Ask the central office for a new one.</source>
        <translation>%1៖ បង្កាន់ដៃខូច (ខ្លឹមសាររបស់វាមិនមានទម្រង់ដូចដែលរំពឹងទុកទេ)។ សូមស្នើសុំបង្កាន់ដៃថ្មីពីការិយាល័យកណ្ដាល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="100"/>
        <source>%1: the receipt was changed or damaged after the central office wrote it. Ask for a new one.</source>
        <translation>%1៖ បង្កាន់ដៃត្រូវបានផ្លាស់ប្ដូរ ឬខូច ក្រោយពេលការិយាល័យកណ្ដាលបានសរសេរវា។ សូមស្នើសុំបង្កាន់ដៃថ្មី។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="102"/>
        <source>%1 is a receipt for another device, %2 (%3), not this laptop, %4 (%5). Nothing was recorded: give it to the laptop it names.</source>
        <translation>%1 គឺជាបង្កាន់ដៃសម្រាប់ឧបករណ៍ផ្សេង គឺ %2 (%3) មិនមែនសម្រាប់កុំព្យូទ័រយួរដៃនេះ គឺ %4 (%5) ទេ។ គ្មានអ្វីត្រូវបានកត់ត្រាទេ៖ សូមប្រគល់វាទៅកុំព្យូទ័រយួរដៃដែលវាដាក់ឈ្មោះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="107"/>
        <source>%1: the merge cannot start (the folder may be read-only). Nothing was merged.</source>
        <translation>%1៖ មិនអាចចាប់ផ្ដើមការបញ្ចូលគ្នាបានទេ (ថតនេះប្រហែលជាអាចតែអានបានប៉ុណ្ណោះ)។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="109"/>
        <source>Cancelled while another merge was running. Nothing was merged.</source>
        <translation>បានបោះបង់ ខណៈពេលដែលការបញ្ចូលគ្នាមួយទៀតកំពុងដំណើរការ។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="111"/>
        <source>Another merge is still running after %1 minutes. Nothing was merged: try again later.</source>
        <translation>ការបញ្ចូលគ្នាមួយទៀតនៅតែដំណើរការ ក្រោយរយៈពេល %1 នាទី។ គ្មានអ្វីត្រូវបានបញ្ចូលគ្នាទេ៖ សូមព្យាយាមម្ដងទៀតនៅពេលក្រោយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="114"/>
        <source>%1: the first row has no column %2, so this is not a catalog this app can read.</source>
        <translation>%1៖ ជួរដេកទីមួយគ្មានជួរឈរ %2 ទេ ដូច្នេះនេះមិនមែនជាកាតាឡុកដែលកម្មវិធីនេះអាចអានបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="116"/>
        <source>%1: the first sheet is empty.</source>
        <translation>%1៖ សន្លឹកទីមួយទទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="117"/>
        <source>%1: %2 bytes is too large for a catalog.</source>
        <translation>%1៖ %2 បៃ គឺធំពេកសម្រាប់កាតាឡុក។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="119"/>
        <source>%1 is not UTF-8 text: save it as UTF-8.</source>
        <translation>%1 មិនមែនជាអត្ថបទ UTF-8 ទេ៖ សូមរក្សាទុកវាជា UTF-8។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="120"/>
        <source>%1 is not valid JSON (line %2, column %3).</source>
        <translation>%1 មិនមែនជា JSON ត្រឹមត្រូវទេ (បន្ទាត់ %2 ជួរឈរ %3)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="122"/>
        <source>%1 is not a UHRI JSON export (a list of recommendations).</source>
        <translation>%1 មិនមែនជាឯកសារនាំចេញ JSON របស់ UHRI ទេ (បញ្ជីអនុសាសន៍)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="124"/>
        <source>%1 is not a readable CSV file.</source>
        <translation>%1 មិនមែនជាឯកសារ CSV ដែលអាចអានបានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="126"/>
        <source>%1 is not a catalog workbook (its sheet &apos;%2&apos; is missing or not a catalog&apos;s).</source>
        <translation>%1 មិនមែនជាឯកសារ Excel កាតាឡុកទេ (សន្លឹក &apos;%2&apos; របស់វាខ្វះ ឬមិនមែនជារបស់កាតាឡុក)។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="128"/>
        <source>%1: sheet &apos;%2&apos; cannot be read.</source>
        <translation>%1៖ មិនអាចអានសន្លឹក &apos;%2&apos; បានទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="130"/>
        <source>%1: catalog workbook version %2 is not one this app reads (%3): update the app.</source>
        <translation>%1៖ ឯកសារ Excel កាតាឡុកកំណែ %2 មិនមែនជាកំណែដែលកម្មវិធីនេះអានបានទេ (%3)៖ សូមធ្វើបច្ចុប្បន្នភាពកម្មវិធី។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="132"/>
        <source>%1: sheet &apos;%2&apos; is empty.</source>
        <translation>%1៖ សន្លឹក &apos;%2&apos; ទទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="133"/>
        <source>%1: sheet &apos;%2&apos; has no recommendation that can be read. Nothing was imported.</source>
        <translation>%1៖ សន្លឹក &apos;%2&apos; គ្មានអនុសាសន៍ណាដែលអាចអានបានទេ។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="135"/>
        <source>%1 is not a catalog this app can read (%2). Nothing was imported.</source>
        <translation>%1 មិនមែនជាកាតាឡុកដែលកម្មវិធីនេះអាចអានបានទេ (%2)។ គ្មានអ្វីត្រូវបាននាំចូលទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="138"/>
        <source>two versions of this record differ: a person chooses the one that stands</source>
        <translation>កំណែពីរនៃកំណត់ត្រានេះខុសគ្នា៖ មនុស្សម្នាក់ត្រូវជ្រើសរើសកំណែដែលត្រូវរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="141"/>
        <source>an unknown device</source>
        <translation>ឧបករណ៍មិនស្គាល់មួយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="142"/>
        <source>and %1 more</source>
        <translation>និង %1 ទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="143"/>
        <source>%1 belongs to device %2 (%3)</source>
        <translation>%1 ជារបស់ឧបករណ៍ %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="145"/>
        <source>%1 belongs to an unknown device (%3)</source>
        <translation>%1 ជារបស់ឧបករណ៍មិនស្គាល់មួយ (%3)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="147"/>
        <source>%1 of the consultation “%2”, which belongs to device %3 (%4)</source>
        <translation>%1 នៃការពិគ្រោះយោបល់ “%2” ដែលជារបស់ឧបករណ៍ %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="149"/>
        <source>%1 of the consultation “%2”, which belongs to an unknown device (%4)</source>
        <translation>%1 នៃការពិគ្រោះយោបល់ “%2” ដែលជារបស់ឧបករណ៍មិនស្គាល់មួយ (%4)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="152"/>
        <source>consent</source>
        <translation>ការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="153"/>
        <source>attachment</source>
        <translation>ឯកសារភ្ជាប់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="154"/>
        <source>photo</source>
        <translation>រូបថត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="155"/>
        <source>signed consent form</source>
        <translation>ទម្រង់ការយល់ព្រមដែលបានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="156"/>
        <source>attendance sheet</source>
        <translation>បញ្ជីវត្តមាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="157"/>
        <source>audio recording</source>
        <translation>ការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="158"/>
        <source>other</source>
        <translation>ផ្សេងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="159"/>
        <source>an image (JPEG, PNG, WebP, TIFF)</source>
        <translation>រូបភាព ដូចជារូបថតពីទូរសព្ទ ឬម៉ាស៊ីនថត (JPEG, PNG, WebP, TIFF)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="160"/>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="163"/>
        <source>a PDF document</source>
        <translation>ឯកសារ PDF</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="161"/>
        <source>an audio file (MP3, WAV, M4A, OGG, FLAC, AMR, WMA)</source>
        <translation>ឯកសារសំឡេង ដូចជាការថតពីទូរសព្ទ ឬឧបករណ៍ថតសំឡេង (MP3, WAV, M4A, OGG, FLAC, AMR, WMA)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="162"/>
        <source>an image</source>
        <translation>រូបភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="164"/>
        <source>an audio file</source>
        <translation>ឯកសារសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="165"/>
        <source>%1 or %2</source>
        <translation>%1 ឬ %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/error_catalogue_files.py" line="166"/>
        <source>%1, %2 or %3</source>
        <translation>%1 %2 ឬ %3</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="49"/>
        <source>Export for the central office</source>
        <translation>នាំចេញសម្រាប់ការិយាល័យកណ្តាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="51"/>
        <source>Export file</source>
        <translation>ឯកសារនាំចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="52"/>
        <source>Browse…</source>
        <translation>រកមើល…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="57"/>
        <source>Only changes since the last export (small e-mail attachment)</source>
        <translation>តែការផ្លាស់ប្តូរតាំងពីការនាំចេញលើកមុន (ឯកសារភ្ជាប់អ៊ីមែលតូច)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="58"/>
        <source>Include sensitive content and named attributions</source>
        <translation>រួមបញ្ចូលខ្លឹមសាររសើប និងការបញ្ជាក់ប្រភពដែលមានឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="60"/>
        <source>This file will hold what people asked to keep confidential. Protect it with a password and hand it over in person.</source>
        <translation>ឯកសារនេះនឹងមានព័ត៌មានដែលមនុស្សបានស្នើសុំឱ្យរក្សាជាការសម្ងាត់។ សូមការពារវាដោយពាក្យសម្ងាត់ ហើយប្រគល់វាដោយផ្ទាល់ដៃ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="67"/>
        <location filename="../../consultation_app/ui/export_dialog.py" line="76"/>
        <source>Password (optional)</source>
        <translation>ពាក្យសម្ងាត់ (ស្រេចចិត្ត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="70"/>
        <location filename="../../consultation_app/ui/export_dialog.py" line="77"/>
        <source>Password again</source>
        <translation>ពាក្យសម្ងាត់ម្តងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="72"/>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="79"/>
        <source>Export progress</source>
        <translation>វឌ្ឍនភាពនៃការនាំចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="85"/>
        <source>Export</source>
        <translation>នាំចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="90"/>
        <source>Everything on this laptop is exported unless you choose otherwise: importing twice at the central office never doubles anything.</source>
        <translation>អ្វីៗទាំងអស់នៅលើកុំព្យូទ័រយួរដៃនេះត្រូវបាននាំចេញ លុះត្រាតែអ្នកជ្រើសរើសផ្សេង៖ ការនាំចូលពីរដងនៅការិយាល័យកណ្តាល មិនធ្វើឱ្យទិន្នន័យស្ទួនឡើយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="99"/>
        <source>Export to</source>
        <translation>នាំចេញទៅ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="100"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>ឯកសារ Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="115"/>
        <source>The two passwords differ.</source>
        <translation>ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="125"/>
        <source>Exporting…</source>
        <translation>កំពុងនាំចេញ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="149"/>
        <source>Exported %1 consultations, %2 feedback entries and %3 notes to %4.</source>
        <translation>បាននាំចេញការពិគ្រោះយោបល់ %1 មតិយោបល់ %2 និងកំណត់ចំណាំ %3 ទៅ %4។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="153"/>
        <source>%1 sensitive or named record(s) stayed on this laptop.</source>
        <translation>កំណត់ត្រារសើប ឬមានឈ្មោះចំនួន %1 ត្រូវបានទុកនៅលើកុំព្យូទ័រយួរដៃនេះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="155"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/export_dialog.py" line="162"/>
        <source>The export failed: %1</source>
        <translation>ការនាំចេញបានបរាជ័យ៖ %1</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="50"/>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="194"/>
        <source>Select a recommendation</source>
        <translation>ជ្រើសរើសអនុសាសន៍មួយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="56"/>
        <source>Priority</source>
        <translation>អាទិភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="57"/>
        <source>Assessment</source>
        <translation>ការវាយតម្លៃ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="59"/>
        <source>Comment</source>
        <translation>មតិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="60"/>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="110"/>
        <source>Sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="60"/>
        <source>yes</source>
        <translation>មែន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="64"/>
        <source>Feedback entries</source>
        <translation>ធាតុមតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="93"/>
        <source>Pr&amp;iority</source>
        <translation>អាទិភាព (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="94"/>
        <source>Implementation &amp;assessment</source>
        <translation>ការវាយតម្លៃការអនុវត្ត (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="98"/>
        <source>Co&amp;mment</source>
        <translation>មតិ (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="101"/>
        <source>Verbatim &amp;quote</source>
        <translation>សម្រង់សម្តីផ្ទាល់ (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="102"/>
        <source>Quote translation</source>
        <translation>ការបកប្រែសម្រង់សម្តី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="103"/>
        <source>Suggested actions</source>
        <translation>សកម្មភាពដែលបានស្នើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="104"/>
        <source>Responsible institutions</source>
        <translation>ស្ថាប័នទទួលខុសត្រូវ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="105"/>
        <source>Attribution</source>
        <translation>ការបញ្ជាក់ប្រភព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="106"/>
        <source>Attributed to (only with consent)</source>
        <translation>បញ្ជាក់ប្រភពថាជា (លុះត្រាមានការយល់ព្រម)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="107"/>
        <source>&amp;Sensitive: leave out of exports unless chosen</source>
        <translation>រសើប៖ មិនដាក់ក្នុងការនាំចេញ លុះត្រាតែបានជ្រើសរើស (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="115"/>
        <source>New entry</source>
        <translation>ធាតុថ្មី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="116"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="118"/>
        <source>Delete entry</source>
        <translation>លុបធាតុ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="119"/>
        <source>Ctrl+Delete; undo with Ctrl+Z</source>
        <translation>Ctrl+Delete; មិនធ្វើវិញដោយចុច Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="121"/>
        <source>History…</source>
        <translation>ប្រវត្តិ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="123"/>
        <source>Who changed this entry, on which device and when</source>
        <translation>អ្នកណាបានកែប្រែធាតុនេះ នៅលើឧបករណ៍ណា និងនៅពេលណា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="126"/>
        <source>Withdraw what this person said…</source>
        <translation>ដកចេញនូវអ្វីដែលមនុស្សនេះបាននិយាយ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="128"/>
        <source>The person takes back what they said: the words are wiped for good, here and at the central office</source>
        <translation>មនុស្សនោះដកពាក្យសម្តីរបស់ខ្លួនវិញ៖ ពាក្យទាំងនោះត្រូវលុបចោលជាស្ថាពរ នៅទីនេះ និងនៅការិយាល័យកណ្តាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="238"/>
        <source>Withdraw what this person said</source>
        <translation>ដកចេញនូវអ្វីដែលមនុស្សនេះបាននិយាយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/feedback_panel.py" line="239"/>
        <source>The person who said this takes it back. Wipe this entry for good?

Everything written in it (comment, quote, translation, suggested actions, institutions and the name it is attributed to) is erased from this laptop now, and from the central office&apos;s database once your next export is merged there. This cannot be undone.

It is NOT erased from backups or copies of the database made before now (the app&apos;s own backups folder included), nor from export files already written or given away (on this laptop, USB sticks, e-mail, the central office&apos;s folders): find and delete those by hand.</source>
        <translation>មនុស្សដែលបាននិយាយរឿងនេះ ដកពាក្យរបស់ខ្លួនវិញ។ លុបធាតុនេះចោលជាស្ថាពរឬ?

អ្វីៗទាំងអស់ដែលបានសរសេរក្នុងធាតុនេះ (មតិ សម្រង់សម្តី ការបកប្រែ សកម្មភាពដែលបានស្នើ ស្ថាប័ន និងឈ្មោះដែលបញ្ជាក់ជាប្រភព) នឹងត្រូវលុបចេញពីកុំព្យូទ័រនេះភ្លាមៗ និងពីមូលដ្ឋានទិន្នន័យរបស់ការិយាល័យកណ្តាល នៅពេលដែលការនាំចេញលើកក្រោយរបស់អ្នកត្រូវបានបញ្ចូលគ្នានៅទីនោះ។ មិនអាចធ្វើវិញបានទេ។

វាមិនត្រូវបានលុបចេញពីការបម្រុងទុក ឬច្បាប់ចម្លងមូលដ្ឋានទិន្នន័យដែលបានធ្វើមុនពេលនេះ (រួមទាំងថតបម្រុងទុករបស់កម្មវិធីផ្ទាល់) ឬពីឯកសារនាំចេញដែលបានសរសេររួច ឬបានប្រគល់ទៅហើយ (នៅលើកុំព្យូទ័រនេះ ឧបករណ៍ USB អ៊ីមែល ថតឯកសាររបស់ការិយាល័យកណ្តាល) ទេ៖ សូមស្វែងរក និងលុបវាដោយដៃ។</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="74"/>
        <source>Welcome</source>
        <translation>សូមស្វាគមន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="75"/>
        <source>This laptop keeps consultation records offline. Give it a name the central office will recognise, and tell us who you are.</source>
        <translation>កុំព្យូទ័រយួរដៃនេះរក្សាទុកកំណត់ត្រាការពិគ្រោះយោបល់ក្រៅបណ្តាញ។ សូមដាក់ឈ្មោះឱ្យវា ដែលការិយាល័យកណ្តាលអាចស្គាល់បាន ហើយប្រាប់យើងថាអ្នកជានរណា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="77"/>
        <location filename="../../consultation_app/ui/first_run.py" line="82"/>
        <source>Device name</source>
        <translation>ឈ្មោះឧបករណ៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="82"/>
        <source>Officer name</source>
        <translation>ឈ្មោះមន្ត្រី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="77"/>
        <location filename="../../consultation_app/ui/first_run.py" line="82"/>
        <source>Default province</source>
        <translation>ខេត្តលំនាំដើម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="78"/>
        <location filename="../../consultation_app/ui/first_run.py" line="83"/>
        <source>Interface language</source>
        <translation>ភាសាចំណុចប្រទាក់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="77"/>
        <source>Your name (field officer)</source>
        <translation>ឈ្មោះរបស់អ្នក (មន្ត្រីចុះមូលដ្ឋាន)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="85"/>
        <source>Shown to the central office with everything this laptop exports</source>
        <translation>ការិយាល័យកណ្ដាលនឹងឃើញឈ្មោះនេះ ជាមួយអ្វីៗទាំងអស់ដែលកុំព្យូទ័រយួរដៃនេះនាំចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="92"/>
        <source>Start</source>
        <translation>ចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/first_run.py" line="94"/>
        <location filename="../../consultation_app/ui/first_run.py" line="105"/>
        <source>Please give both a device name and your name.</source>
        <translation>សូមបញ្ចូលទាំងឈ្មោះឧបករណ៍ និងឈ្មោះរបស់អ្នក។</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="49"/>
        <source>History of this feedback entry</source>
        <translation>ប្រវត្តិនៃមតិយោបល់នេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="50"/>
        <source>History of this note</source>
        <translation>ប្រវត្តិនៃកំណត់ចំណាំនេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="51"/>
        <source>History of this consultation</source>
        <translation>ប្រវត្តិនៃការពិគ្រោះយោបល់នេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="52"/>
        <source>History</source>
        <translation>ប្រវត្តិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="53"/>
        <source>Every change to this record: who made it, on which device and when (local time). The history keeps no words, only that a change was made.</source>
        <translation>រាល់ការផ្លាស់ប្តូរលើកំណត់ត្រានេះ៖ អ្នកណាបានធ្វើ នៅលើឧបករណ៍ណា និងនៅពេលណា (ម៉ោងក្នុងស្រុក)។ ប្រវត្តិមិនរក្សាទុកពាក្យសម្តីទេ មានតែការបញ្ជាក់ថាមានការផ្លាស់ប្តូរប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="59"/>
        <source>Revisions</source>
        <translation>ការកែប្រែ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="60"/>
        <source>Revision</source>
        <translation>ការកែប្រែលើកទី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="60"/>
        <source>Action</source>
        <translation>សកម្មភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="60"/>
        <source>Device</source>
        <translation>ឧបករណ៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="61"/>
        <source>Officer</source>
        <translation>មន្ត្រី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="61"/>
        <source>Time</source>
        <translation>ពេលវេលា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="80"/>
        <source>Created</source>
        <translation>បានបង្កើត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="81"/>
        <source>Edited</source>
        <translation>បានកែសម្រួល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="82"/>
        <source>Deleted</source>
        <translation>បានលុប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="83"/>
        <source>Restored</source>
        <translation>បានស្តារឡើងវិញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="84"/>
        <source>Withdrawn: the words were wiped</source>
        <translation>បានដកចេញ៖ ពាក្យសម្តីត្រូវបានលុបចោល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="85"/>
        <source>Arrived in an export</source>
        <translation>បានមកដល់តាមរយៈការនាំចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="86"/>
        <source>Made before the history was kept</source>
        <translation>បានធ្វើមុនពេលចាប់ផ្តើមរក្សាប្រវត្តិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="93"/>
        <source>%1 (this computer)</source>
        <translation>%1 (កុំព្យូទ័រនេះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/history_dialog.py" line="94"/>
        <source>this computer</source>
        <translation>កុំព្យូទ័រនេះ</translation>
    </message>
</context>
<context>
    <name>ImplementationWindow</name>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="165"/>
        <source>Implementation status for another central copy</source>
        <translation>ស្ថានភាពអនុវត្ត សម្រាប់ច្បាប់ចម្លងកណ្តាលផ្សេងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="47"/>
        <source>Implementation status</source>
        <translation>ស្ថានភាពអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="53"/>
        <source>(not recorded)</source>
        <translation>(មិនបានកត់ត្រា)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="60"/>
        <source>YYYY-MM-DD (optional)</source>
        <translation>YYYY-MM-DD (ស្រេចចិត្ត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="63"/>
        <source>&amp;Save</source>
        <translation>រក្សាទុក (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="66"/>
        <source>Revision</source>
        <translation>ការកែប្រែលើកទី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="66"/>
        <source>Changed (UTC)</source>
        <translation>បានកែនៅ (UTC)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="66"/>
        <source>By</source>
        <translation>ដោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="67"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="79"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="145"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="70"/>
        <source>key, e.g. moj</source>
        <translation>កូដ ឧ. moj</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="72"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="148"/>
        <source>Name in English</source>
        <translation>ឈ្មោះជាភាសាអង់គ្លេស</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="74"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="148"/>
        <source>Name in Khmer</source>
        <translation>ឈ្មោះជាភាសាខ្មែរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="75"/>
        <source>&amp;Add institution</source>
        <translation>បន្ថែមស្ថាប័ន (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="78"/>
        <source>Recommendation</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="80"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="145"/>
        <source>Measures taken</source>
        <translation>វិធានការដែលបានអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="81"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="146"/>
        <source>Responsible institutions</source>
        <translation>ស្ថាប័នទទួលខុសត្រូវ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="86"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="146"/>
        <source>Indicator</source>
        <translation>សូចនាករ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="87"/>
        <location filename="../../consultation_app/ui/implementation_window.py" line="147"/>
        <source>Due</source>
        <translation>កាលកំណត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="92"/>
        <source>History</source>
        <translation>ប្រវត្តិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="137"/>
        <source>Not saved: %1</source>
        <translation>មិនបានរក្សាទុក៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="140"/>
        <source>Saved as revision %1.</source>
        <translation>បានរក្សាទុកជាការកែប្រែលើកទី %1។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="147"/>
        <source>Key of the institution</source>
        <translation>កូដរបស់ស្ថាប័ន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="149"/>
        <source>Kind of institution</source>
        <translation>ប្រភេទស្ថាប័ន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/implementation_window.py" line="158"/>
        <source>Not added: %1</source>
        <translation>មិនបានបន្ថែម៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="157"/>
        <source>Export follow-up matrix</source>
        <translation>នាំចេញតារាងតាមដាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="158"/>
        <location filename="../../consultation_app/ui/central_office.py" line="166"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>ឯកសារ Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="172"/>
        <source>Mid-term report draft</source>
        <translation>សេចក្ដីព្រាងរបាយការណ៍ពាក់កណ្ដាលអាណត្តិ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="173"/>
        <source>Word document (*.docx)</source>
        <translation>ឯកសារ Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="182"/>
        <source>Writing %1…</source>
        <translation>កំពុងសរសេរ %1…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="181"/>
        <source>Written: %1</source>
        <translation>បានសរសេរ៖ %1</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation type="vanished">មិនបានសរសេរ៖ %1</translation>
    </message>
</context>
<context>
    <name>ImportWindow</name>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="33"/>
        <source>Merged</source>
        <translation>បានបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="34"/>
        <source>Already merged</source>
        <translation>បានបញ្ចូលគ្នារួចហើយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="35"/>
        <source>Needs review</source>
        <translation>ត្រូវពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="36"/>
        <source>Rejected</source>
        <translation>បានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="43"/>
        <source>%1 merged, %2 already merged, %3 need review, %4 rejected</source>
        <translation>បានបញ្ចូលគ្នា %1, បានបញ្ចូលគ្នារួចហើយ %2, ត្រូវពិនិត្យ %3, បានបដិសេធ %4</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="52"/>
        <source>Both versions were kept: use “Review conflicts…” to choose.</source>
        <translation>កំណែទាំងពីរត្រូវបានរក្សាទុក៖ សូមប្រើ “ពិនិត្យភាពផ្ទុយគ្នា…” ដើម្បីជ្រើសរើស។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="55"/>
        <source>Check the file; to merge it anyway, tick “Accept files edited after export” and merge again.</source>
        <translation>សូមពិនិត្យឯកសារ។ ដើម្បីបញ្ចូលវាទោះយ៉ាងណាក៏ដោយ សូមធីក “ទទួលយកឯកសារដែលបានកែសម្រួលក្រោយការនាំចេញ” ហើយបញ្ចូលគ្នាម្តងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="59"/>
        <source>Nothing of this file was merged.</source>
        <translation>គ្មានអ្វីពីឯកសារនេះត្រូវបានបញ្ចូលគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="84"/>
        <source>Merged; its conflicts were reviewed.</source>
        <translation>បានបញ្ចូលគ្នាហើយ៖ ភាពផ្ទុយគ្នារបស់វាត្រូវបានពិនិត្យរួចហើយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="99"/>
        <source>File</source>
        <translation>ឯកសារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="100"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="101"/>
        <source>New</source>
        <translation>ថ្មី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="102"/>
        <source>Updated</source>
        <translation>បានធ្វើបច្ចុប្បន្នភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="103"/>
        <source>Stale</source>
        <translation>ហួសសម័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="104"/>
        <source>Conflicts</source>
        <translation>ភាពផ្ទុយគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="105"/>
        <source>Message</source>
        <translation>សារ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="108"/>
        <source>Older versions than the ones already held: ignored</source>
        <translation>កំណែចាស់ជាងកំណែដែលមានរួចហើយ៖ ត្រូវបានរំលង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/merge_results_view.py" line="110"/>
        <source>Same revision, different content: both versions kept for review</source>
        <translation>ការកែប្រែលើកទីដូចគ្នា តែខ្លឹមសារខុសគ្នា៖ រក្សាកំណែទាំងពីរទុកសម្រាប់ពិនិត្យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="102"/>
        <source>Import field workbooks (central office)</source>
        <translation>នាំចូលឯកសារ Excel ពីមូលដ្ឋាន (ការិយាល័យកណ្តាល)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="105"/>
        <source>Merge the workbooks that field laptops exported. Each file is checked completely before anything of it is written; merging the same file twice changes nothing.</source>
        <translation>បញ្ចូលគ្នានូវឯកសារ Excel ដែលកុំព្យូទ័រយួរដៃនៅមូលដ្ឋានបាននាំចេញ។ ឯកសារនីមួយៗត្រូវបានពិនិត្យទាំងស្រុង មុនពេលសរសេរផ្នែកណាមួយរបស់វា។ ការបញ្ចូលឯកសារដដែលពីរដង មិនផ្លាស់ប្តូរអ្វីទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="110"/>
        <source>Files and folders to merge</source>
        <translation>ឯកសារ និងថតដែលត្រូវបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="115"/>
        <source>Add &amp;files…</source>
        <translation>បន្ថែមឯកសារ (&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="117"/>
        <source>Add f&amp;older…</source>
        <translation>បន្ថែមថត (&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="119"/>
        <source>&amp;Remove</source>
        <translation>ដកចេញ (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="121"/>
        <source>C&amp;lear</source>
        <translation>សម្អាត (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="132"/>
        <source>&amp;Accept files edited after export</source>
        <translation>ទទួលយកឯកសារដែលបានកែសម្រួលក្រោយការនាំចេញ (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="134"/>
        <source>A file whose values were changed after the laptop wrote it is normally held back for review. Tick this to merge such files anyway: they are then recorded as modified in the merge log.</source>
        <translation>ឯកសារដែលតម្លៃរបស់វាត្រូវបានផ្លាស់ប្តូរ បន្ទាប់ពីកុំព្យូទ័រយួរដៃបានសរសេរវា ជាធម្មតាត្រូវបានទុកមួយឡែកសម្រាប់ពិនិត្យ។ ធីកប្រអប់នេះ ដើម្បីបញ្ចូលឯកសារបែបនេះទោះយ៉ាងណាក៏ដោយ៖ ឯកសារទាំងនោះនឹងត្រូវបានកត់ត្រាថាបានកែប្រែ នៅក្នុងកំណត់ហេតុនៃការបញ្ចូលគ្នា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="136"/>
        <source>Accept a known device&apos;s &amp;new signing key</source>
        <translation>ទទួលយកកូនសោចុះហត្ថលេខាថ្មីរបស់ឧបករណ៍ដែលស្គាល់ (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="138"/>
        <source>A laptop that signs with a different key than before (reinstalled, cloned, or a forgery) is held back for review. Tick this only after checking with the field officer: the new key is then trusted for that device.</source>
        <translation>កុំព្យូទ័រដែលចុះហត្ថលេខាដោយកូនសោខុសពីមុន (បានដំឡើងឡើងវិញ ចម្លង ឬក្លែងបន្លំ) ត្រូវបានផ្អាកទុកដើម្បីពិនិត្យ។ សូមធីកនេះ លុះត្រាតែបានពិនិត្យជាមួយមន្ត្រីចុះមូលដ្ឋានរួច៖ កូនសោថ្មីនឹងត្រូវបានទុកចិត្តសម្រាប់ឧបករណ៍នោះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="143"/>
        <source>Password (optional)</source>
        <translation>ពាក្យសម្ងាត់ (ស្រេចចិត្ត)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="144"/>
        <source>only for password-protected files</source>
        <translation>សម្រាប់តែឯកសារដែលការពារដោយពាក្យសម្ងាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="148"/>
        <source>&amp;Password (optional)</source>
        <translation>ពាក្យសម្ងាត់ (ស្រេចចិត្ត) (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="152"/>
        <location filename="../../consultation_app/ui/import_window.py" line="279"/>
        <source>Workbooks to merge</source>
        <translation>ឯកសារ Excel ដែលត្រូវបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="158"/>
        <source>Merge progress</source>
        <translation>វឌ្ឍនភាពនៃការបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="159"/>
        <source>%v of %m files</source>
        <translation>ឯកសារ %v ក្នុងចំណោម %m</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="171"/>
        <source>Merge results, one row per file</source>
        <translation>លទ្ធផលនៃការបញ្ចូលគ្នា មួយជួរសម្រាប់ឯកសារនីមួយៗ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="201"/>
        <source>Details of the selected file</source>
        <translation>ព័ត៌មានលម្អិតនៃឯកសារដែលបានជ្រើសរើស</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="202"/>
        <source>Select a file above to see its full message and warnings.</source>
        <translation>ជ្រើសរើសឯកសារមួយខាងលើ ដើម្បីមើលសារពេញលេញ និងការព្រមានរបស់វា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="206"/>
        <source>Results</source>
        <translation>លទ្ធផល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="218"/>
        <source>&amp;Merge</source>
        <translation>បញ្ចូលគ្នា (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="221"/>
        <source>&amp;Cancel</source>
        <translation>បោះបង់ (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="222"/>
        <source>Stop after the file being merged now; files merged so far stay merged</source>
        <translation>ឈប់បន្ទាប់ពីឯកសារដែលកំពុងបញ្ចូលឥឡូវនេះ។ ឯកសារដែលបានបញ្ចូលគ្នារួចហើយ នៅតែបានបញ្ចូលដដែល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="224"/>
        <location filename="../../consultation_app/ui/import_window.py" line="465"/>
        <source>Review conflicts…</source>
        <translation>ពិនិត្យភាពផ្ទុយគ្នា…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="227"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="280"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>ឯកសារ Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="284"/>
        <source>Folder of workbooks to merge</source>
        <translation>ថតឯកសារ Excel ដែលត្រូវបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="326"/>
        <source>Not a workbook or folder, left out: %1</source>
        <translation>មិនមែនជាឯកសារ Excel ឬថតទេ មិនបានដាក់បញ្ចូល៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="369"/>
        <source>Merging…</source>
        <translation>កំពុងបញ្ចូលគ្នា…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="393"/>
        <source>Cancelling after the file being merged now…</source>
        <translation>នឹងបោះបង់បន្ទាប់ពីឯកសារដែលកំពុងបញ្ចូលឥឡូវនេះ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="405"/>
        <source>Cancelled: %1 of %2 files were processed; the others were not touched.</source>
        <translation>បានបោះបង់៖ ឯកសារ %1 ក្នុងចំណោម %2 ត្រូវបានដំណើរការ ឯកសារផ្សេងទៀតមិនត្រូវបានប៉ះពាល់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="408"/>
        <source>Cancelled before any file was merged.</source>
        <translation>បានបោះបង់ មុនពេលឯកសារណាមួយត្រូវបានបញ្ចូលគ្នា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="419"/>
        <source>The merge failed: %1</source>
        <translation>ការបញ្ចូលគ្នាបានបរាជ័យ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="446"/>
        <source>Warnings</source>
        <translation>ការព្រមាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="450"/>
        <source>Device %1, export %2</source>
        <translation>ឧបករណ៍ %1, ការនាំចេញលើកទី %2</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/import_window.py" line="464"/>
        <source>Review conflicts (%1)…</source>
        <translation>ពិនិត្យភាពផ្ទុយគ្នា (%1)…</translation>
    </message>
</context>
<context>
    <name>LinksDialog</name>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="33"/>
        <source>Link recommendations across cycles</source>
        <translation>ភ្ជាប់អនុសាសន៍ឆ្លងវដ្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="41"/>
        <source>Earlier catalog</source>
        <translation>បញ្ជីអនុសាសន៍មុន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="42"/>
        <source>Later catalog</source>
        <translation>បញ្ជីអនុសាសន៍ក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="44"/>
        <source>Earlier cycle</source>
        <translation>វដ្តមុន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="45"/>
        <source>Later cycle</source>
        <translation>វដ្តក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="47"/>
        <source>Later</source>
        <translation>ក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="47"/>
        <source>Recommendation</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="47"/>
        <source>Earlier</source>
        <translation>មុន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="48"/>
        <source>Continues</source>
        <translation>បន្តពី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="48"/>
        <source>Score</source>
        <translation>ពិន្ទុ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="48"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="56"/>
        <source>Proposals by similarity of the English and Khmer texts and shared SDGs and themes. Confirm a link when the later recommendation continues the earlier one: the feedback gathered on the earlier one then follows it.</source>
        <translation>សំណើផ្អែកលើភាពស្រដៀងគ្នានៃអត្ថបទអង់គ្លេស និងខ្មែរ និងគោលដៅ SDG និងប្រធានបទរួម។ សូមបញ្ជាក់តំណភ្ជាប់ នៅពេលអនុសាសន៍ក្រោយបន្តពីអនុសាសន៍មុន៖ មតិយោបល់ដែលបានប្រមូលលើអនុសាសន៍មុន នឹងតាមវាទៅ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="61"/>
        <source>&amp;Suggest</source>
        <translation>ស្នើ (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="62"/>
        <source>&amp;Confirm link</source>
        <translation>បញ្ជាក់តំណភ្ជាប់ (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="63"/>
        <source>&amp;Reject</source>
        <translation>បដិសេធ (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="65"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="84"/>
        <source>confirmed</source>
        <translation>បានបញ្ជាក់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="84"/>
        <source>rejected</source>
        <translation>បានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/links_dialog.py" line="84"/>
        <source>proposed</source>
        <translation>បានស្នើ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="100"/>
        <source>Export follow-up matri&amp;x…</source>
        <translation>នាំចេញតារាងតាមដាន… (&amp;X)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="105"/>
        <source>Implementation status for another central c&amp;opy…</source>
        <translation>ស្ថានភាពអនុវត្ត សម្រាប់ច្បាប់ចម្លងកណ្តាលផ្សេងទៀត… (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/capture_tabs.py" line="80"/>
        <source>Catalog: %1 (version %2)</source>
        <translation>បញ្ជីអនុសាសន៍៖ %1 (កំណែ %2)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="78"/>
        <source>&amp;Link recommendations across cycles…</source>
        <translation>ភ្ជាប់អនុសាសន៍ឆ្លងវដ្ត (&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="77"/>
        <source>Import &amp;catalog…</source>
        <translation>នាំចូលបញ្ជីអនុសាសន៍ (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="76"/>
        <source>%1 (version %2, %3 recommendations)</source>
        <translation>%1 (កំណែ %2 អនុសាសន៍ %3)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="80"/>
        <source>Which recommendations is this consultation about?</source>
        <translation>តើការពិគ្រោះយោបល់នេះនិយាយអំពីអនុសាសន៍មួយណា?</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="64"/>
        <source>UPR consultations</source>
        <translation>ការពិគ្រោះយោបល់ UPR</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="84"/>
        <source>&amp;Details</source>
        <translation>ព័ត៌មានលម្អិត (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="85"/>
        <source>&amp;Recommendations and feedback</source>
        <translation>អនុសាសន៍ និងមតិយោបល់ (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="86"/>
        <source>&amp;Notes</source>
        <translation>កំណត់ចំណាំ (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="29"/>
        <source>&amp;File</source>
        <translation>ឯកសារ (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="30"/>
        <source>&amp;New consultation</source>
        <translation>ការពិគ្រោះយោបល់ថ្មី (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="32"/>
        <source>&amp;Export for central office…</source>
        <translation>នាំចេញសម្រាប់ការិយាល័យកណ្តាល (&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="33"/>
        <source>Save capture &amp;template…</source>
        <translation>រក្សាទុកគំរូកត់ត្រាទិន្នន័យ (&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="34"/>
        <source>Import a merge &amp;receipt from the central office…</source>
        <translation>នាំចូលបង្កាន់ដៃបញ្ចូលគ្នាពីការិយាល័យកណ្តាល (&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/menus.py" line="41"/>
        <source>&amp;Import field workbooks (central office)…</source>
        <translation>នាំចូលឯកសារ Excel ពីមូលដ្ឋាន (ការិយាល័យកណ្តាល) (&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/menus.py" line="43"/>
        <source>Review merge &amp;conflicts…</source>
        <translation>ពិនិត្យភាពផ្ទុយគ្នានៃការបញ្ចូលគ្នា (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/menus.py" line="45"/>
        <source>Implementation &amp;status…</source>
        <translation>ស្ថានភាពអនុវត្ត… (&amp;S)</translation>
    </message>
    <message>
        <source>Export follow-up &amp;matrix…</source>
        <translation type="vanished">នាំចេញតារាងតាមដាន… (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/central_office.py" line="102"/>
        <source>Mid-term report &amp;draft (Word)…</source>
        <translation>សេចក្ដីព្រាងរបាយការណ៍ពាក់កណ្ដាលអាណត្តិ (Word)… (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="81"/>
        <source>Database &amp;passphrase…</source>
        <translation>ឃ្លាសម្ងាត់មូលដ្ឋានទិន្នន័យ… (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="39"/>
        <source>&amp;Quit</source>
        <translation>ចាកចេញ (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="41"/>
        <source>&amp;Edit</source>
        <translation>កែសម្រួល (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="42"/>
        <source>&amp;Undo</source>
        <translation>មិនធ្វើវិញ (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="50"/>
        <source>&amp;Delete feedback entry</source>
        <translation>លុបធាតុមតិយោបល់ (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="53"/>
        <source>&amp;Capture</source>
        <translation>កត់ត្រា (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="54"/>
        <source>&amp;Find recommendation</source>
        <translation>ស្វែងរកអនុសាសន៍ (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="55"/>
        <source>New feedback &amp;entry</source>
        <translation>ធាតុមតិយោបល់ថ្មី (&amp;E)</translation>
    </message>
    <message>
        <source>New &amp;feedback entry</source>
        <translation type="vanished">ធាតុមតិយោបល់ថ្មី (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="56"/>
        <source>&amp;Save and next recommendation</source>
        <translation>រក្សាទុក ហើយទៅអនុសាសន៍បន្ទាប់ (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="58"/>
        <source>New &amp;note</source>
        <translation>កំណត់ចំណាំថ្មី (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="60"/>
        <source>&amp;View</source>
        <translation>មើល (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="61"/>
        <source>&amp;Consultations list</source>
        <translation>បញ្ជីការពិគ្រោះយោបល់ (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/menus.py" line="59"/>
        <source>&amp;Language</source>
        <translation>ភាសា (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="66"/>
        <source>Details</source>
        <translation>ព័ត៌មានលម្អិត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="66"/>
        <source>Recommendations</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="67"/>
        <source>Notes</source>
        <translation>កំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="70"/>
        <source>&amp;Dashboard…</source>
        <translation>ផ្ទាំងសង្ខេប (&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="73"/>
        <source>Reports and e&amp;xports</source>
        <translation>របាយការណ៍ និងការនាំចេញ (&amp;X)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="76"/>
        <source>Too&amp;ls</source>
        <translation>ឧបករណ៍ (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_menus.py" line="109"/>
        <source>Warning: the data folder is on a network drive or in a cloud-synced folder, where its database can be damaged. Keep it on a local disk; an office that shares its data should use a PostgreSQL server.</source>
        <translation>ព្រមាន៖ ថតទិន្នន័យស្ថិតនៅលើដ្រាយបណ្ដាញ ឬក្នុងថតដែលធ្វើសមកាលកម្មជាមួយពពក ដែលមូលដ្ឋានទិន្នន័យរបស់វាអាចខូចបាន។ សូមរក្សាវានៅលើឌីសក្នុងកុំព្យូទ័រ។ ការិយាល័យដែលចែករំលែកទិន្នន័យរបស់ខ្លួនគួរប្រើម៉ាស៊ីនមេ PostgreSQL។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="174"/>
        <source>Device: %1</source>
        <translation>ឧបករណ៍៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="175"/>
        <source>Changes not yet exported: %1</source>
        <translation>ការផ្លាស់ប្តូរមិនទាន់នាំចេញ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="178"/>
        <source>Last export: %1</source>
        <translation>ការនាំចេញចុងក្រោយ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="179"/>
        <source>never</source>
        <translation>មិនទាន់មាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="217"/>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="79"/>
        <source>New consultation</source>
        <translation>ការពិគ្រោះយោបល់ថ្មី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="364"/>
        <source>Not saved: %1</source>
        <translation>មិនបានរក្សាទុក៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="374"/>
        <source>All changes saved</source>
        <translation>ការផ្លាស់ប្តូរទាំងអស់ត្រូវបានរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window.py" line="409"/>
        <source>What this person said was wiped. Export soon so that the central office wipes it too.</source>
        <translation>អ្វីដែលមនុស្សនេះបាននិយាយត្រូវបានលុបចោល។ សូមនាំចេញឆាប់ៗ ដើម្បីឱ្យការិយាល័យកណ្តាលលុបវាដែរ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="118"/>
        <source>Merge receipt</source>
        <translation>បង្កាន់ដៃបញ្ចូលគ្នា</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="119"/>
        <source>Merge receipts (*.json)</source>
        <translation>បង្កាន់ដៃបញ្ចូលគ្នា (*.json)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="128"/>
        <source>Receipt imported: the central office holds %1 records from this laptop.</source>
        <translation>បាននាំចូលបង្កាន់ដៃ៖ ការិយាល័យកណ្តាលមានកំណត់ត្រា %1 ពីកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="138"/>
        <source>Not yet confirmed by the central office: %1</source>
        <translation>មិនទាន់បានបញ្ជាក់ដោយការិយាល័យកណ្តាល៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="149"/>
        <source>Save capture template</source>
        <translation>រក្សាទុកគំរូកត់ត្រាទិន្នន័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="150"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>ឯកសារ Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/main_window_commands.py" line="159"/>
        <source>Capture template saved: %1</source>
        <translation>បានរក្សាទុកគំរូកត់ត្រាទិន្នន័យ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/undo.py" line="33"/>
        <source>Feedback entry deleted</source>
        <translation>បានលុបធាតុមតិយោបល់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/undo.py" line="34"/>
        <source>Note deleted</source>
        <translation>បានលុបកំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/undo.py" line="36"/>
        <source>Feedback entry restored</source>
        <translation>បានស្ដារធាតុមតិយោបល់មកវិញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/undo.py" line="37"/>
        <source>Note restored</source>
        <translation>បានស្ដារកំណត់ចំណាំមកវិញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/undo.py" line="45"/>
        <source>Ctrl+Z brings it back</source>
        <translation>ចុច Ctrl+Z ដើម្បីយកវាមកវិញ</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="58"/>
        <source>Your own observations. Put a person&apos;s words in a feedback entry&apos;s quote, where their consent governs them.</source>
        <translation>ការសង្កេតផ្ទាល់ខ្លួនរបស់អ្នក។ សូមដាក់សម្ដីរបស់បុគ្គលណាម្នាក់ក្នុងសម្រង់សម្ដីនៃធាតុមតិយោបល់ ដែលការយល់ព្រមរបស់គេគ្រប់គ្រងវា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="32"/>
        <source>Theme</source>
        <translation>ប្រធានបទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="33"/>
        <location filename="../../consultation_app/ui/notes_panel.py" line="52"/>
        <source>Title</source>
        <translation>ចំណងជើង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="34"/>
        <source>Note</source>
        <translation>កំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="38"/>
        <source>Notes</source>
        <translation>កំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="51"/>
        <source>T&amp;heme</source>
        <translation>ប្រធានបទ (&amp;H)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="60"/>
        <source>Note &amp;text</source>
        <translation>អត្ថបទកំណត់ចំណាំ (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="61"/>
        <source>Sensitive</source>
        <translation>រសើប</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="63"/>
        <source>New note</source>
        <translation>កំណត់ចំណាំថ្មី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="65"/>
        <source>Delete note</source>
        <translation>លុបកំណត់ចំណាំ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="67"/>
        <source>History…</source>
        <translation>ប្រវត្តិ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="69"/>
        <source>Withdraw this note…</source>
        <translation>ដកកំណត់ចំណាំនេះចេញ…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="101"/>
        <source>Withdraw this note</source>
        <translation>ដកកំណត់ចំណាំនេះចេញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/notes_panel.py" line="102"/>
        <source>The people this note speaks for take it back. Wipe the note for good?

Its title and text are erased from this laptop now, and from the central office&apos;s database once your next export is merged there. This cannot be undone.

It is NOT erased from backups made before now, nor from export files already written or given away: find and delete those by hand.</source>
        <translation>អ្នកដែលកំណត់ចំណាំនេះនិយាយជំនួស ដកវាវិញ។ លុបកំណត់ចំណាំនេះចោលជាស្ថាពរឬ?

ចំណងជើង និងអត្ថបទរបស់វា នឹងត្រូវលុបចេញពីកុំព្យូទ័រនេះភ្លាមៗ និងពីមូលដ្ឋានទិន្នន័យរបស់ការិយាល័យកណ្តាល នៅពេលដែលការនាំចេញលើកក្រោយរបស់អ្នកត្រូវបានបញ្ចូលគ្នានៅទីនោះ។ មិនអាចធ្វើវិញបានទេ។

វាមិនត្រូវបានលុបចេញពីការបម្រុងទុកដែលបានធ្វើមុនពេលនេះ ឬពីឯកសារនាំចេញដែលបានសរសេររួច ឬបានប្រគល់ទៅហើយទេ៖ សូមស្វែងរក និងលុបវាដោយដៃ។</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="56"/>
        <source>Database passphrase</source>
        <translation>ឃ្លាសម្ងាត់មូលដ្ឋានទិន្នន័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="57"/>
        <source>The consultation records in %1 are protected by a passphrase. Enter it to open them.</source>
        <translation>កំណត់ត្រាពិគ្រោះយោបល់នៅក្នុង %1 ត្រូវបានការពារដោយឃ្លាសម្ងាត់។ សូមបញ្ចូលឃ្លាសម្ងាត់ ដើម្បីបើកវា។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="60"/>
        <source>Passphrase</source>
        <translation>ឃ្លាសម្ងាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="67"/>
        <source>&amp;Passphrase</source>
        <translation>ឃ្លាសម្ងាត់ (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="69"/>
        <source>&amp;Open</source>
        <translation>បើក (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="70"/>
        <source>&amp;Quit</source>
        <translation>ចាកចេញ (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="92"/>
        <source>Enter the passphrase.</source>
        <translation>សូមបញ្ចូលឃ្លាសម្ងាត់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_dialog.py" line="98"/>
        <source>Wrong passphrase (attempt %1). Check the keyboard language and Caps Lock, then try again.</source>
        <translation>ឃ្លាសម្ងាត់មិនត្រឹមត្រូវ (ការព្យាយាមលើកទី %1)។ សូមពិនិត្យភាសាក្តារចុច និង Caps Lock រួចព្យាយាមម្តងទៀត។</translation>
    </message>
</context>
<context>
    <name>PassphraseSettings</name>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="127"/>
        <source>The database is now protected by the passphrase. Backups encrypted with it: %1.</source>
        <translation>មូលដ្ឋានទិន្នន័យឥឡូវនេះត្រូវបានការពារដោយឃ្លាសម្ងាត់។ ការបម្រុងទុកដែលបានអ៊ិនគ្រីបជាមួយវា៖ %1។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="130"/>
        <source>The passphrase was changed. Backups given the new passphrase: %1.</source>
        <translation>ឃ្លាសម្ងាត់ត្រូវបានផ្លាស់ប្តូរ។ ការបម្រុងទុកដែលបានទទួលឃ្លាសម្ងាត់ថ្មី៖ %1។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="133"/>
        <source>The database is no longer protected by a passphrase. Backups decrypted: %1.</source>
        <translation>មូលដ្ឋានទិន្នន័យលែងត្រូវបានការពារដោយឃ្លាសម្ងាត់ទៀតហើយ។ ការបម្រុងទុកដែលបានឌិគ្រីប៖ %1។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="138"/>
        <source>These backups were left as they were (they open only with the passphrase they were made with):
%1</source>
        <translation>ការបម្រុងទុកទាំងនេះត្រូវបានទុកដដែល (វាបើកបានតែជាមួយឃ្លាសម្ងាត់ដែលបានប្រើនៅពេលបង្កើតវាប៉ុណ្ណោះ)៖
%1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="142"/>
        <source>Unencrypted copies of the database remain; delete them when they are no longer needed:
%1</source>
        <translation>នៅមានច្បាប់ចម្លងមូលដ្ឋានទិន្នន័យដែលមិនបានអ៊ិនគ្រីប។ សូមលុបវាចោល នៅពេលលែងត្រូវការ៖
%1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="152"/>
        <source>Database passphrase</source>
        <translation>ឃ្លាសម្ងាត់មូលដ្ឋានទិន្នន័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="154"/>
        <source>An export, merge or backup is running. Try again once it has finished.</source>
        <translation>ការនាំចេញ ការបញ្ចូលគ្នា ឬការបម្រុងទុក កំពុងដំណើរការ។ សូមព្យាយាមម្តងទៀត នៅពេលវាបញ្ចប់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="164"/>
        <source>Converting the database and its backups…</source>
        <translation>កំពុងបំប្លែងមូលដ្ឋានទិន្នន័យ និងការបម្រុងទុករបស់វា…</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="185"/>
        <source>The database could not be opened again: %1

The app will close; start it again.</source>
        <translation>មិនអាចបើកមូលដ្ឋានទិន្នន័យម្តងទៀតបានទេ៖ %1

កម្មវិធីនឹងបិទ។ សូមចាប់ផ្តើមវាម្តងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="197"/>
        <source>The passphrase could not be set, changed or removed: %1</source>
        <translation>មិនអាចកំណត់ ផ្លាស់ប្តូរ ឬដកឃ្លាសម្ងាត់ចេញបានទេ៖ %1</translation>
    </message>
</context>
<context>
    <name>PassphraseSettingsDialog</name>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="43"/>
        <source>Database passphrase</source>
        <translation>ឃ្លាសម្ងាត់មូលដ្ឋានទិន្នន័យ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="45"/>
        <source>The database %1 is protected by a passphrase.</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 ត្រូវបានការពារដោយឃ្លាសម្ងាត់។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="46"/>
        <source>The database %1 is not protected by a passphrase.</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 មិនត្រូវបានការពារដោយឃ្លាសម្ងាត់ទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="50"/>
        <source>&amp;Change the passphrase</source>
        <translation>ផ្លាស់ប្តូរឃ្លាសម្ងាត់ (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="51"/>
        <source>&amp;Remove the passphrase (store the records unencrypted)</source>
        <translation>ដកឃ្លាសម្ងាត់ចេញ (រក្សាទុកកំណត់ត្រាដោយមិនអ៊ិនគ្រីប) (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="57"/>
        <source>Current passphrase</source>
        <translation>ឃ្លាសម្ងាត់បច្ចុប្បន្ន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="58"/>
        <source>New passphrase</source>
        <translation>ឃ្លាសម្ងាត់ថ្មី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="59"/>
        <source>New passphrase again</source>
        <translation>ឃ្លាសម្ងាត់ថ្មីម្តងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="62"/>
        <source>Curren&amp;t passphrase</source>
        <translation>ឃ្លាសម្ងាត់បច្ចុប្បន្ន (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="63"/>
        <source>&amp;New passphrase</source>
        <translation>ឃ្លាសម្ងាត់ថ្មី (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="64"/>
        <source>New passphrase a&amp;gain</source>
        <translation>ឃ្លាសម្ងាត់ថ្មីម្តងទៀត (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="67"/>
        <source>If the passphrase is forgotten, nobody can open these consultation records again: there is no way to recover them. Write it down and keep it somewhere safe, away from the laptop.

The passphrase protects only the database and its backups. Exports, Excel&apos;s own copies of opened exports and Windows&apos; page file are not covered: full-disk encryption (BitLocker, or VeraCrypt) is still required on this laptop.</source>
        <translation>ប្រសិនបើភ្លេចឃ្លាសម្ងាត់ គ្មាននរណាម្នាក់អាចបើកកំណត់ត្រាពិគ្រោះយោបល់ទាំងនេះបានទៀតទេ៖ គ្មានវិធីណាមួយដើម្បីយកវាមកវិញបានឡើយ។ សូមសរសេរវាទុក ហើយរក្សាទុកនៅកន្លែងមានសុវត្ថិភាព ឆ្ងាយពីកុំព្យូទ័រ។

ឃ្លាសម្ងាត់ការពារតែមូលដ្ឋានទិន្នន័យ និងការបម្រុងទុករបស់វាប៉ុណ្ណោះ។ ឯកសារនាំចេញ ច្បាប់ចម្លងផ្ទាល់របស់ Excel នៃឯកសារនាំចេញដែលបានបើក និងឯកសារ page file របស់ Windows មិនត្រូវបានការពារទេ៖ ការអ៊ិនគ្រីបថាសទាំងមូល (BitLocker ឬ VeraCrypt) នៅតែចាំបាច់នៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="74"/>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="97"/>
        <source>I &amp;understand that a forgotten passphrase means the data is lost</source>
        <translation>ខ្ញុំយល់ថា ការភ្លេចឃ្លាសម្ងាត់មានន័យថាទិន្នន័យនឹងបាត់បង់ (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="83"/>
        <source>&amp;Protect the database</source>
        <translation>ការពារមូលដ្ឋានទិន្នន័យ (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="84"/>
        <source>&amp;Apply</source>
        <translation>អនុវត្ត (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="95"/>
        <source>I &amp;understand that the records will be stored unencrypted</source>
        <translation>ខ្ញុំយល់ថា កំណត់ត្រានឹងត្រូវបានរក្សាទុកដោយមិនអ៊ិនគ្រីប (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="109"/>
        <source>The new passphrase is too short: use at least %1 characters.</source>
        <translation>ឃ្លាសម្ងាត់ថ្មីខ្លីពេក៖ សូមប្រើយ៉ាងហោចណាស់ %1 តួអក្សរ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="112"/>
        <source>The two new passphrases differ.</source>
        <translation>ឃ្លាសម្ងាត់ថ្មីទាំងពីរមិនដូចគ្នាទេ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="114"/>
        <source>Tick the box to confirm that you have read the warning.</source>
        <translation>សូមធីកប្រអប់ ដើម្បីបញ្ជាក់ថាអ្នកបានអានការព្រមាន។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/passphrase_settings.py" line="120"/>
        <source>The current passphrase is wrong.</source>
        <translation>ឃ្លាសម្ងាត់បច្ចុប្បន្នមិនត្រឹមត្រូវទេ។</translation>
    </message>
</context>
<context>
    <name>PersonConsentBox</name>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="24"/>
        <source>This person&apos;s own consent</source>
        <translation>ការយល់ព្រមផ្ទាល់ខ្លួនរបស់បុគ្គលនេះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="31"/>
        <source>Verbal</source>
        <translation>ដោយផ្ទាល់មាត់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="31"/>
        <source>Written (signed form)</source>
        <translation>ជាលាយលក្ខណ៍អក្សរ (ទម្រង់បែបបទដែលបានចុះហត្ថលេខា)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="32"/>
        <source>No consent given</source>
        <translation>មិនបានផ្តល់ការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="33"/>
        <source>Nobody: quotes are anonymous</source>
        <translation>គ្មាននរណាម្នាក់៖ សម្រង់សម្តីជាអនាមិក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="33"/>
        <source>The stakeholder group</source>
        <translation>ក្រុមភាគីពាក់ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="34"/>
        <source>The organisation</source>
        <translation>អង្គការ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="34"/>
        <source>The person, by name</source>
        <translation>បុគ្គលនោះ ដោយបញ្ជាក់ឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="37"/>
        <source>How consent was given</source>
        <translation>របៀបផ្តល់ការយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="40"/>
        <source>Quotes</source>
        <translation>សម្រង់សម្តី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="40"/>
        <source>Photos</source>
        <translation>រូបថត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="41"/>
        <source>Recordings</source>
        <translation>ការថតសំឡេង</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="44"/>
        <source>Agreed to</source>
        <translation>បានយល់ព្រមលើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="45"/>
        <source>What is said may be attributed to</source>
        <translation>អ្វីដែលបាននិយាយ អាចបញ្ជាក់ប្រភពថាមកពី</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="48"/>
        <source>The field team only (stays on this laptop)</source>
        <translation>ក្រុមការងារនៅមូលដ្ឋានតែប៉ុណ្ណោះ (រក្សាទុកនៅលើកុំព្យូទ័រនេះ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="49"/>
        <source>The central office</source>
        <translation>ការិយាល័យកណ្តាល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="50"/>
        <source>The public (reports may print it)</source>
        <translation>សាធារណជន (របាយការណ៍អាចបោះពុម្ពបាន)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="51"/>
        <source>Who may see it</source>
        <translation>អ្នកដែលអាចមើលបាន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/person_consent.py" line="94"/>
        <source>Consent not saved: %1</source>
        <translation>មិនបានរក្សាទុកការយល់ព្រម៖ %1</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="10"/>
        <source>OK</source>
        <translation>យល់ព្រម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="11"/>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="12"/>
        <source>Save All</source>
        <translation>រក្សាទុកទាំងអស់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="13"/>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="14"/>
        <source>&amp;Yes</source>
        <translation>មែន (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="15"/>
        <source>Yes to &amp;All</source>
        <translation>មែនទាំងអស់ (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="16"/>
        <source>&amp;No</source>
        <translation>មិនមែន (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="17"/>
        <source>N&amp;o to All</source>
        <translation>មិនមែនទាំងអស់ (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="18"/>
        <source>Abort</source>
        <translation>បញ្ឈប់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="19"/>
        <source>Retry</source>
        <translation>ព្យាយាមម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="20"/>
        <source>Ignore</source>
        <translation>មិនអើពើ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="21"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="22"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="23"/>
        <source>Discard</source>
        <translation>បោះចោល</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="24"/>
        <source>Help</source>
        <translation>ជំនួយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="25"/>
        <source>Apply</source>
        <translation>អនុវត្ត</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="26"/>
        <source>Reset</source>
        <translation>កំណត់ឡើងវិញ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/qt_strings.py" line="27"/>
        <source>Restore Defaults</source>
        <translation>ស្ដារលំនាំដើមវិញ</translation>
    </message>
</context>
<context>
    <name>RecommendationTreeModel</name>
    <message>
        <location filename="../../consultation_app/ui/models/recommendation_tree.py" line="142"/>
        <source>Recommendation</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/recommendation_tree.py" line="143"/>
        <source>SDGs</source>
        <translation>SDG</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/models/recommendation_tree.py" line="144"/>
        <source>Feedback</source>
        <translation>មតិយោបល់</translation>
    </message>
</context>
<context>
    <name>RecommendationsBrowser</name>
    <message>
        <location filename="../../consultation_app/ui/recommendations_browser.py" line="23"/>
        <source>Find a recommendation: code, words, theme (Ctrl+F)</source>
        <translation>ស្វែងរកអនុសាសន៍៖ លេខកូដ ពាក្យ ប្រធានបទ (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/recommendations_browser.py" line="24"/>
        <source>Find a recommendation</source>
        <translation>ស្វែងរកអនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/recommendations_browser.py" line="30"/>
        <source>Recommendations</source>
        <translation>អនុសាសន៍</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/recommendations_browser.py" line="48"/>
        <source>No recommendation matches this search.</source>
        <translation>គ្មានអនុសាសន៍ណាមួយត្រូវនឹងការស្វែងរកនេះទេ។</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="54"/>
        <source>The consent of one quoted person in “%1” was kept until %2: %3 entries and %4 photos or recordings were wiped.</source>
        <translation>ការយល់ព្រមរបស់អ្នកដែលត្រូវបានដកស្រង់សម្ដីម្នាក់ក្នុង “%1” ត្រូវរក្សាទុករហូតដល់ %2៖ ធាតុ %3 និងរូបថត ឬការថតសំឡេង %4 ត្រូវបានលុបចោល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="57"/>
        <source>The consent for “%1” was kept until %2: %3 entries and %4 photos or recordings were wiped.</source>
        <translation>ការយល់ព្រមសម្រាប់ “%1” ត្រូវរក្សាទុករហូតដល់ %2៖ ធាតុ %3 និងរូបថត ឬការថតសំឡេង %4 ត្រូវបានលុបចោល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="66"/>
        <source>Consent past its keep-until date: what it covered was wiped, as if the consent had been withdrawn. The next export tells the central office.</source>
        <translation>ការយល់ព្រមហួសកាលបរិច្ឆេទរក្សាទុក៖ អ្វីដែលវាគ្របដណ្ដប់ត្រូវបានលុបចោល ដូចជាការយល់ព្រមត្រូវបានដកវិញ។ ការនាំចេញលើកក្រោយនឹងជូនដំណឹងដល់ការិយាល័យកណ្ដាល។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="78"/>
        <source>Consent past its keep-until date</source>
        <translation>ការយល់ព្រមហួសកាលបរិច្ឆេទរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="81"/>
        <source>Consents past their keep-until date could not be applied: %1</source>
        <translation>មិនអាចអនុវត្តការយល់ព្រមដែលហួសកាលបរិច្ឆេទរក្សាទុកបានទេ៖ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/retention_notice.py" line="91"/>
        <source>Consent past its keep-until date: %1 consultations wiped as withdrawn</source>
        <translation>ការយល់ព្រមហួសកាលបរិច្ឆេទរក្សាទុក៖ ការពិគ្រោះយោបល់ %1 ត្រូវបានលុបចោលដូចជាបានដកវិញ</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="25"/>
        <source>Another copy of the app is already using the data folder %1; switch to that window.</source>
        <translation>កម្មវិធីនេះមួយទៀតកំពុងប្រើថតទិន្នន័យ %1 រួចហើយ; សូមប្ដូរទៅបង្អួចនោះ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="31"/>
        <source>The data folder %1 is read-only: the app cannot save anything there. Make it writable or copy it to a folder you can write to, then start the app again.</source>
        <translation>ថតទិន្នន័យ %1 អាចតែអានបានប៉ុណ្ណោះ៖ កម្មវិធីមិនអាចរក្សាទុកអ្វីនៅទីនោះបានទេ។ សូមធ្វើឱ្យវាអាចសរសេរបាន ឬចម្លងវាទៅថតដែលអ្នកអាចសរសេរបាន រួចបើកកម្មវិធីម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="38"/>
        <source>The database %1 is damaged and no good backup was found. It was left as it is; copy the folder %2 and ask for help before changing anything.</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 ខូច ហើយរកមិនឃើញការបម្រុងទុកល្អណាមួយទេ។ វាត្រូវបានទុកនៅដដែល; សូមចម្លងថត %2 ហើយសុំជំនួយ មុនពេលផ្លាស់ប្ដូរអ្វីមួយ។</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="45"/>
        <source>The database %1 is damaged.

It will be moved aside and kept (never deleted) as a damaged-….sqlite3 file in %2, and the newest good backup, from %3, will be put in its place. Changes made after %3 stay only in the damaged file.

Restore the backup from %3?</source>
        <translation>មូលដ្ឋានទិន្នន័យ %1 ខូច។

វានឹងត្រូវបានដាក់ដោយឡែក និងរក្សាទុក (មិនលុបចោលទេ) ជាឯកសារ damaged-….sqlite3 នៅក្នុង %2 ហើយការបម្រុងទុកល្អចុងក្រោយបំផុត ពី %3 នឹងត្រូវដាក់ជំនួសវា។ ការផ្លាស់ប្ដូរដែលបានធ្វើក្រោយ %3 នៅតែមានក្នុងឯកសារដែលខូចប៉ុណ្ណោះ។

ស្ដារការបម្រុងទុកពី %3 ឬ?</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="53"/>
        <source>Restore the backup from %1</source>
        <translation>ស្ដារការបម្រុងទុកពី %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/startup_messages.py" line="57"/>
        <source>Quit</source>
        <translation>ចាកចេញ</translation>
    </message>
</context>
<context>
    <name>WorkbookList</name>
    <message>
        <location filename="../../consultation_app/ui/workbook_list.py" line="25"/>
        <source>Drop exported workbooks (.xlsx) or whole folders here, or use “Add files…” and “Add folder…”.</source>
        <translation>អូសទម្លាក់ឯកសារ Excel ដែលបាននាំចេញ (.xlsx) ឬថតទាំងមូលនៅទីនេះ ឬប្រើ “បន្ថែមឯកសារ…” និង “បន្ថែមថត…”។</translation>
    </message>
</context>
<context>
    <name>_Problems</name>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="23"/>
        <source>%1 is more than the %2 participants (women, men and others)</source>
        <translation>%1 លើសពីចំនួនអ្នកចូលរួមសរុប %2 នាក់ (ស្ត្រី បុរស និងផ្សេងៗ)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="26"/>
        <source>%1 is before the start date</source>
        <translation>%1 នៅមុនកាលបរិច្ឆេទចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="28"/>
        <source>%1 must be filled in before finalising</source>
        <translation>ត្រូវបំពេញ %1 មុននឹងកំណត់ជាចុងក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="30"/>
        <source>No participants are counted: give the number of women, men or others before finalising</source>
        <translation>មិនទាន់មានការរាប់អ្នកចូលរួមទេ៖ សូមបញ្ចូលចំនួនស្ត្រី បុរស ឬផ្សេងៗ មុននឹងកំណត់ជាចុងក្រោយ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="32"/>
        <source>%1 must be filled in</source>
        <translation>ត្រូវតែបំពេញ %1</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="34"/>
        <source>%1 is longer than %2 characters</source>
        <translation>%1 វែងជាង %2 តួអក្សរ</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="36"/>
        <source>%1: %2 cannot be used; write lower-case Latin letters, digits, - and _ (up to 64)</source>
        <translation>%1៖ មិនអាចប្រើ %2 បានទេ។ សូមសរសេរអក្សរឡាតាំងតូច លេខ - និង _ (មិនលើស 64)</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="39"/>
        <source>%1: %2 is not in the list of institutions; add it first</source>
        <translation>%1៖ %2 មិនមាននៅក្នុងបញ្ជីស្ថាប័នទេ។ សូមបន្ថែមវាជាមុនសិន</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="42"/>
        <source>%1 is not a date: type it as 2026-12-04, 04/12/2026 or 20261204</source>
        <translation>%1 មិនមែនជាកាលបរិច្ឆេទទេ៖ សូមវាយជា 2026-12-04, 04/12/2026 ឬ 20261204</translation>
    </message>
    <message>
        <location filename="../../consultation_app/ui/messages.py" line="43"/>
        <source>%1: this value is not accepted (%2)</source>
        <translation>%1៖ មិនអាចទទួលយកតម្លៃនេះបានទេ (%2)</translation>
    </message>
</context>
</TS>
