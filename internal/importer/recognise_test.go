package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"appeal/internal/pdftest"
)

func TestFindDeadline(t *testing.T) {
	tests := []struct {
		lang, line, want, check string
	}{
		{"en", "PLEASE SEND APPEALS BEFORE 14 MARCH 2017 TO:", "2017-03-14", ""},
		{"en", "This Urgent Action expires on September 28, 2021.", "2021-09-28", ""},
		{"en", "Please send appeals before 3rd April 2020.", "2020-04-03", ""},
		{"fr", "AVANT LE : 22 décembre 2023", "2023-12-22", ""},
		{"fr", "ENVOYEZ VOS APPELS AVANT LE 1er février 2024", "2024-02-01", ""},
		{"de", "Bitte schreiben Sie bis zum 3. Mai 2020 an:", "2020-05-03", ""},
		{"de", "Schreiben Sie bis spätestens 03.05.2020", "2020-05-03", ""},
		{"en", "Check with your section office if sending appeals after 26 June 1997.", "1997-06-26", ""},
		{"en", "Please send appeals before 5/3/2021.", "2021-03-05", "read as day/month"},
		{"en", "Please send appeals before 14 March.", "", `"14 March", without a year`},
		{"en", "The trial was adjourned until 14 March 2017.", "", ""},
		{"en", "Please send appeals before 31 February 2021.", "", "not a date in the calendar"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := findDeadline(splitLines(tt.line), tt.lang)
			if d.date != tt.want || tt.check == "" && d.check != "" || !strings.Contains(d.check, tt.check) {
				t.Errorf("got %q (check %q), want %q (check %q)", d.date, d.check, tt.want, tt.check)
			}
		})
	}
}

func TestFindLanguages(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Please write immediately in Kazakh, Russian, English or your own language:", "kk ru en"},
		{"Please write immediately in English or your own language:", "en"},
		{"Écrivez en français, en arabe ou en anglais.", "fr ar en"},
		{"Bitte schreiben Sie bis zum 3. Mai 2020 auf Russisch, Englisch oder Deutsch an die unten genannten Stellen.", "ru en de"},
		{"Telegrams/faxes/express and airmail letters in English or in your own language:", "en"},
		{"Please write in Farsi, Arabic or English.", "fa ar en"},
		{"Please write to the authorities.", ""},
	}
	for _, tt := range tests {
		got, _ := findLanguages(splitLines(tt.line))
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: got %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestFindReferences(t *testing.T) {
	tests := []struct{ text, want string }{
		{"This is the fourth update of UA 115/16.", "UA 115/16"},
		{"UA 65.20", "UA 65.20"},
		{"UA: 12/21 Index: EUR 57/5235/2016 ... Further information on UA: 12/21", "UA 12/21"},
		{"UA-Nr. 045/20", "UA 045/20"},
		{"AU 88/23", "AU 88/23"},
		{"USA 12/21, au 12/21, EUR 57/5235/2016", ""},
		{"UA 12/21 and UA 13/21", "UA 12/21,UA 13/21"},
	}
	for _, tt := range tests {
		if got := strings.Join(findReferences(tt.text), ","); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// show writes fields as "kind=value" for comparison.
func show(fs []field) string {
	names := map[kind]string{kTitle: "title", kName: "name", kOrg: "org", kCareOf: "c/o", kAddress: "address", kNameOrAddr: "name?",
		kCountry: "country", kFax: "fax", kPhone: "phone", kNumber: "number", kEmail: "email", kEmailHidden: "hidden-email",
		kSalutation: "salutation", kGender: "gender", kOther: "other", kUnknown: "unknown"}
	var out []string
	for _, f := range fs {
		v := f.value
		if f.kind == kGender {
			if v = f.gender.String(); v == "" {
				continue
			}
		}
		out = append(out, names[f.kind]+"="+v)
	}
	return strings.Join(out, " | ")
}

func TestClassify(t *testing.T) {
	tests := []struct{ in, want string }{
		// Titles and names, in either order, with honorifics.
		{"Prosecutor General Zhakip Assanov", "title=Prosecutor General | name=Zhakip Assanov"},
		{"Minister of Justice Dr Rania Haddad", "title=Minister of Justice | name=Rania Haddad"},
		{"President of the Republic of Ruritania Ivo Marek", "title=President of the Republic of Ruritania | name=Ivo Marek"},
		{"HIS EXCELLENCY MR ERZHAN KAZYKHANOV", "name=Erzhan Kazykhanov | gender=male"},
		{"HIS EXCELLENCY DR ALIBEK NURLANOV", "name=Alibek Nurlanov | gender=male"},
		{"HER EXCELLENCY MS GULNORA ABDULLAEVA", "name=Gulnora Abdullaeva | gender=female"},
		{"H.E. Bakhtiyor Rasulov", "name=Bakhtiyor Rasulov"},
		{"Ms Carmen Torres Lazo", "name=Carmen Torres Lazo | gender=female"},
		{"Mrs Senait Woldemariam", "name=Senait Woldemariam | gender=female"},
		{"Mr. Peter Nkhoma", "name=Peter Nkhoma | gender=male"},
		{"Dr Eduardo Villanueva Paz", "name=Eduardo Villanueva Paz"},
		{"Monsieur le Ministre de la Justice", "title=Ministre de la Justice | gender=male"},
		{"Madame la Ministre de l'Intérieur", "title=Ministre de l'Intérieur | gender=female"},
		{"M. Hédi Karoui", "name=Hédi Karoui | gender=male"},
		{"Herrn Bakyt Osmonov", "name=Bakyt Osmonov | gender=male"},
		{"S. E. Herrn Erlan Abdyldaev", "name=Erlan Abdyldaev | gender=male"},
		{"Frau Bundesministerin der Justiz", "title=Bundesministerin der Justiz | gender=female"},
		{"Marat Beketaev", "name?=Marat Beketaev"},
		{"Mrkonjić Grad", "name?=Mrkonjić Grad"},
		// Organisations and titles.
		{"Ministry of Justice", "org=Ministry of Justice"},
		{"Office of the Prosecutor General", "org=Office of the Prosecutor General"},
		{"Prosecutor General's Office", "org=Prosecutor General's Office"},
		{"Human Rights Commissioner", "title=Human Rights Commissioner"},
		{"Head of the Presidential Administration", "title=Head of the Presidential Administration"},
		{"MINISTER OF JUSTICE", "title=Minister of Justice"},
		{"Bundesministerium der Justiz", "org=Bundesministerium der Justiz"},
		{"Embassy of the Republic of Kazakhstan", "org=Embassy of the Republic of Kazakhstan"},
		// Countries: English names, "Republic of X", French and German names.
		{"Republic of Kazakhstan", "country=KZ"},
		{"REPUBLIC OF KAZAKHSTAN", "country=KZ"},
		{"The Republic of Uzbekistan", "country=UZ"},
		{"United Kingdom", "country=GB"},
		{"Tunisie", "country=TN"},
		{"KIRGISISTAN", "country=KG"},
		// Contact lines.
		{"Fax: 7 7172 74-09-54", "fax=7 7172 74-09-54"},
		{"Fax +7 7172 506 402", "fax=+7 7172 506 402"},
		{"Email: [email protected]", "hidden-email="},
		{"E-mail: kanc@adilet.gov.kz", "email=kanc@adilet.gov.kz"},
		{"Tel/Fax: +1 555 0100", "fax=+1 555 0100 | phone=+1 555 0100"},
		{"Salutation: Dear Minister", "salutation=Dear Minister"},
		{"Formule d'appel : Monsieur le Ministre,", "salutation=Monsieur le Ministre"},
		{"Anrede: Sehr geehrter Herr Minister", "salutation=Sehr geehrter Herr Minister"},
		{"Dear Minister,", "salutation=Dear Minister"},
		{"Twitter: @MinJustice", "other=twitter: @MinJustice"},
		{"020 792 51757", "number=020 792 51757"},
		// Addresses.
		{"c/o Embassy of the State of Eritrea", "c/o=Embassy of the State of Eritrea"},
		{"14 Orynbor Street", "address=14 Orynbor Street"},
		{"Astana, 010000", "address=Astana, 010000"},
		{"010000", "address=010000"},
		{"P.O. Box 1000", "address=P.O. Box 1000"},
		{"Frunse-Straße 469", "address=Frunse-Straße 469"},
		{"rue des Tilleuls", "address=rue des Tilleuls"},
	}
	for _, tt := range tests {
		if got := show(classify(tt.in)); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestSegments(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HIS EXCELLENCY MR ERZHAN KAZYKHANOV, Embassy of the Republic of Kazakhstan, 125 Pall Mall SW1Y 5EA, 020 792 51757, london@kazembassy.org.uk",
			"HIS EXCELLENCY MR ERZHAN KAZYKHANOV / Embassy of the Republic of Kazakhstan / 125 Pall Mall SW1Y 5EA / 020 792 51757 / london@kazembassy.org.uk"},
		{"Phone: +1 202 555 0101 I Fax: +1 202 555 0102", "Phone: +1 202 555 0101 / Fax: +1 202 555 0102"},
		{"Phone: +1 202 555 0101 | Email: a@b.example", "Phone: +1 202 555 0101 / Email: a@b.example"},
		{"Astana, 010000", "Astana, 010000"},
		{"House of Ministries, 13 entrance", "House of Ministries, 13 entrance"},
		{"Left Bank, Mangilik El street 8", "Left Bank, Mangilik El street 8"},
		{"31, boulevard de la Kasbah", "31, boulevard de la Kasbah"},
		{"14 Orynbor Street, Astana, 010000, Kazakhstan", "14 Orynbor Street / Astana, 010000 / Kazakhstan"},
		{"Astana 010000, Republic of Kazakhstan", "Astana 010000 / Republic of Kazakhstan"},
		{"Ivo Marek, President of the Republic", "Ivo Marek / President of the Republic"},
		{"Faxes: + 265 000 002; Salutation: Dear Minister", "Faxes: + 265 000 002 / Salutation: Dear Minister"},
		{"President Dr Samuel Kachingwe, Office of the President, Private Bag 301, Lilongwe 3, Malawi; Telegrams: President Kachingwe, Lilongwe, Malawi; Faxes: + 265 000 001",
			"President Dr Samuel Kachingwe / Office of the President / Private Bag 301 / Lilongwe 3 / Malawi / Telegrams: President Kachingwe, Lilongwe, Malawi / Faxes: + 265 000 001"},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range segments(tt.in) {
			got = append(got, trimField(s))
		}
		if strings.Join(got, " / ") != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, strings.Join(got, " / "), tt.want)
		}
	}
}

func TestRewordDemand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Urging the Kazakhstani authorities to release Maks Bokaev and Talgat Ayan immediately",
			"Release Maks Bokaev and Talgat Ayan immediately"},
		{"Urging them in the meantime to ensure that Maks Bokaev has access to adequate medical care",
			"In the meantime, ensure that Maks Bokaev has access to adequate medical care"},
		{"Calling on them to respect the rights to freedom of expression", "Respect the rights to freedom of expression"},
		{"Urging them, pending his release, to disclose where he is held and to allow him to see his family",
			"Pending his release, disclose where he is held and allow him to see his family"},
		{"Urging them also to drop the charges", "Also drop the charges"},
		{"urging that they be given access to lawyers", ""},
		{"Calling for their immediate release", ""},
		{"Expressing concern at the detention of A and B", ""},
	}
	for _, tt := range tests {
		got, ok := rewordDemand(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%q:\n got %q (%v)\nwant %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	tests := []struct {
		in, want string
		bullet   bool
	}{
		{"\uf06e Urging the authorities", "Urging the authorities", true},
		{"\uf0b7\tUrging", "Urging", true},
		{"• Urging", "Urging", true},
		{"- de libérer", "de libérer", true},
		{"– de libérer", "de libérer", true},
		{"* Urging", "Urging", true},
		{"1. Write a letter", "Write a letter", true},
		{"reach -20 C. Their", "reach -20 C. Their", false},
		{"-20 C", "-20 C", false},
		{"8. Mai-Straße 3", "8. Mai-Straße 3", false},
		{"Dear\u00a0Attorney\u00a0General", "Dear Attorney General", false},
		{"organi\u00adsation\u200b  of  the", "organisation of the", false},
		{"  Salutation:\tDear Minister  ", "Salutation: Dear Minister", false},
	}
	for _, tt := range tests {
		got, bullet := cleanLine(tt.in)
		if got != tt.want || bullet != tt.bullet {
			t.Errorf("%q: got %q %v, want %q %v", tt.in, got, bullet, tt.want, tt.bullet)
		}
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{
		"ERZHAN KAZYKHANOV": "Erzhan Kazykhanov", "JEAN-BAPTISTE NGOUA": "Jean-Baptiste Ngoua", "O'BRIEN": "O'Brien",
		"ÁLVARO NÚÑEZ": "Álvaro Núñez",
	} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
	for name, want := range map[string]bool{"Erzhan Kazykhanov": false, "Mcdonald Brown": true, "Ahmed Al Masri": true, "O'Brien": true} {
		if got := nameNeedsCheck(name); got != want {
			t.Errorf("nameNeedsCheck(%q) = %v", name, got)
		}
	}
	if got := sentenceCase("PRISONERS OF CONCIENCE’S CONVICTION UPHELD IN KAZAKHSTAN", "The court in Kazakhstan upheld it."); got != "Prisoners of concience’s conviction upheld in Kazakhstan" {
		t.Errorf("sentenceCase: %q", got)
	}
	if got := splitNames("Chikondi Mwale, trade unionist; Tiyamike Phiri, teacher"); fmt.Sprint(got) != "[Chikondi Mwale Tiyamike Phiri]" {
		t.Errorf("splitNames: %q", got)
	}
	if got := splitNames("Maks Bokaev and Talgat Ayan"); fmt.Sprint(got) != "[Maks Bokaev Talgat Ayan]" {
		t.Errorf("splitNames: %q", got)
	}
}

// TestFooterGenders reads the "Gender m/f:" line of International
// Secretariat UAs; anything else leaves the gender unknown.
func TestFooterGenders(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"f", 1, "[female]"}, {"both male", 2, "[male male]"}, {"m, f", 2, "[male female]"},
		{"m", 2, "[ ]"}, {"", 1, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(footerGenders(tt.in, tt.n)); got != tt.want {
			t.Errorf("%q (%d): got %s, want %s", tt.in, tt.n, got, tt.want)
		}
	}
}

// pdfOf writes lines as a one-page PDF with the standard Helvetica font,
// uncompressed and with a correct cross-reference table, so that the
// test needs no PDF library. Long lines wrap, as in a real PDF.
func pdfOf(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 8 Tf 9.5 TL 30 815 Td\n")
	enc := charmap.Windows1252.NewEncoder()
	var wrapped []string
	for _, l := range lines {
		wrapped = append(wrapped, strings.Split(wrap(l, 120), "\n")...)
	}
	for _, l := range wrapped {
		b, err := enc.Bytes([]byte(l))
		if err != nil {
			b = []byte(l)
		}
		s := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(string(b))
		fmt.Fprintf(&content, "(%s) Tj T*\n", s)
	}
	content.WriteString("ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len()+1, content.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestReadPDF imports a UA saved as PDF, from a file and from standard
// input, through pdftotext.
func TestReadPDF(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	src, err := os.ReadFile("testdata/two-in-one.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		lines = append(lines, strings.ReplaceAll(l, "\uf0b7", "\u2022"))
	}
	data := pdfOf(lines)
	path := filepath.Join(t.TempDir(), "ua.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, in := range []struct{ name, path string }{{"ua.pdf", path}, {"<stdin>", ""}} {
		text, _, err := Read(in.name, in.path, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		res, err := Import(text, Options{Name: "ua.pdf"})
		if err != nil {
			t.Fatal(err)
		}
		c := validate(t, "ua.yaml", res.YAML, nil)
		wantCase(t, c, "UA 44/22", "2022-08-01", "az en", "Elnur Gasimzade", "Lala Rahimova", "Tural Novruzlu")
		wantRecipients(t, c, "minister-of-internal-affairs:to:AZ prosecutor-general:to:AZ ombudsperson:copy:AZ head-of-the-presidential-administration:copy:AZ")
	}
}

func TestReadPDFWithoutPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, _, err := Read("ua.pdf", "", bytes.NewReader(pdfOf([]string{"URGENT ACTION"})))
	if !errors.Is(err, ErrNoPDFToText) || !strings.Contains(err.Error(), "install poppler-utils") {
		t.Fatalf("error %v", err)
	}
	// A text file that merely has a .pdf name is still sent to pdftotext;
	// a PDF without the name is recognised by its first bytes.
	_, _, err = Read("<stdin>", "", bytes.NewReader([]byte("%PDF-1.4\n")))
	if !errors.Is(err, ErrNoPDFToText) {
		t.Fatalf("%%PDF on standard input: %v", err)
	}
}

func TestReadBrokenPDF(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	_, _, err := Read("bad.pdf", "", bytes.NewReader([]byte("%PDF-1.4\nnot really a PDF\n")))
	if err == nil || !strings.Contains(err.Error(), "bad.pdf: ") {
		t.Fatalf("error %v", err)
	}
}

// TestRecipients reads short recipient lists: where one recipient ends and
// the next begins, and what is not placed.
func TestRecipients(t *testing.T) {
	tests := []struct {
		name, text, want, notPlaced string
	}{
		{"name first, no blank lines", `PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:
Zhakip Assanov
Prosecutor General
14 Orynbor Street
Astana 010000
Kazakhstan
Salutation: Dear Prosecutor General
Marat Beketaev
Minister of Justice
8 Orynbor Street
Astana 010000
Kazakhstan`, "prosecutor-general/to/Zhakip Assanov/KZ minister-of-justice/to/Marat Beketaev/KZ", ""},
		{"title after a comma, fields on one line", `Write to: Zhakip Assanov, Prosecutor General, 14 Orynbor Street, Astana 010000, Kazakhstan`,
			"prosecutor-general/to/Zhakip Assanov/KZ", ""},
		{"an instruction with a colon is no list of recipients", `Write a letter in your own words:
Minister of Justice
8 Orynbor Street`, "", ""},
		{"a line with no place after the salutation", `PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:
Minister of Justice
8 Orynbor Street
Astana 010000
Kazakhstan
Salutation: Dear Minister
Thank you!`, "minister-of-justice/to//KZ", "Thank you!"},
		{"an embassy among the main recipients", `PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:
Minister of Justice
8 Orynbor Street
Astana 010000
Kazakhstan

Embassy of Kazakhstan
1 Example Road
London SW1A 0XX`, "minister-of-justice/to//KZ embassy-gb/embassy//GB", ""},
		{"two recipients with the same title", `PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:
Minister
Ministry of Justice
8 Orynbor Street
Astana 010000
Kazakhstan
Minister
Ministry of the Interior
9 Orynbor Street
Astana 010000
Kazakhstan`, "minister/to//KZ minister-2/to//KZ", ""},
		{"a country line only, no name or title", `PLEASE SEND APPEALS BEFORE 1 MAY 2020 TO:
Kazakhstan
Fax: +7 7172 000 000`, "", "Kazakhstan|Fax: +7 7172 000 000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im := &importer{lines: splitLines(tt.text), uses: map[int]use{}, lang: "en"}
			im.scan()
			var got []string
			for _, r := range im.buildRecipients() {
				got = append(got, r.ID+"/"+r.Role+"/"+r.Name["en"]+"/"+r.Country)
			}
			var np []string
			for _, n := range im.notPlaced {
				np = append(np, n.text)
			}
			if strings.Join(got, " ") != tt.want || strings.Join(np, "|") != tt.notPlaced {
				t.Errorf("got %q, not placed %q\nwant %q, not placed %q", strings.Join(got, " "), strings.Join(np, "|"), tt.want, tt.notPlaced)
			}
		})
	}
}

// TestGenderOnlyFromHonorifics: gender comes from Mr, Ms, His, Her,
// Monsieur, Frau... in the name or the salutation, never from the name.
func TestGenderOnlyFromHonorifics(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Minister of Justice\nMaria Petrova\n1 Example Street\nAstana 010000\nKazakhstan", ""},
		{"Minister of Justice\nMs Maria Petrova\n1 Example Street\nAstana 010000\nKazakhstan", "female"},
		{"Minister of Justice\nMaria Petrova\n1 Example Street\nAstana 010000\nKazakhstan\nSalutation: Dear Madam Minister", "female"},
		{"Minister of Justice\nMr Maria Petrova\n1 Example Street\nAstana 010000\nKazakhstan\nSalutation: Dear Madam Minister", ""},
		{"HIS EXCELLENCY DR IVAN PETROV\nEmbassy of Kazakhstan\n1 Example Road\nLondon SW1A 0XX", "male"},
		{"H.E. Ivan Petrov\nEmbassy of Kazakhstan\n1 Example Road\nLondon SW1A 0XX", ""},
	}
	for _, tt := range tests {
		im := &importer{lines: splitLines("Write to:\n" + tt.text), uses: map[int]use{}, lang: "en"}
		im.scan()
		rs := im.buildRecipients()
		if len(rs) != 1 {
			t.Errorf("%q: %d recipients", tt.text, len(rs))
			continue
		}
		if rs[0].Gender != tt.want {
			t.Errorf("%q: gender %q, want %q", tt.text, rs[0].Gender, tt.want)
		}
		if tt.want == "" && strings.Contains(tt.text, "Mr ") && rs[0].checks["gender"] == "" {
			t.Errorf("%q: conflicting honorifics without a check", tt.text)
		}
	}
}
