package writers

import (
	"appeal/internal/input"
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"appeal/internal/casefile"
)

// w is a Writer for the tables.
func w(line int, name string, address []string, postcode, city, country, lang, email, note string) Writer {
	return Writer{
		Sender: casefile.Sender{Name: name, Address: address, Postcode: postcode, City: casefile.Text{"": city}, Country: country, Email: email, Language: lang},
		Note:   note,
		Line:   line,
	}
}

func utf16LE(s string) string {
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func utf16BE(s string) string {
	out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func TestLoad(t *testing.T) {
	jane := w(2, "Jane Doe", []string{"12 Example Street"}, "M1 1AA", "Manchester", "GB", "", "", "")
	tests := []struct {
		name     string
		file     string
		input    string
		want     []Writer
		warnings []string
	}{
		{
			name: "plain CSV",
			file: "writers.csv",
			input: "name,address,postcode,city,country,language,email,note\n" +
				"Jane Doe,12 Example Street,M1 1AA,Manchester,GB,,,\n" +
				"Hans Müller,Lindenstraße 27,10115,Berlin,Germany,DE,hans@example.org,Ich schreibe aus Berlin.\n",
			want: []Writer{jane,
				w(3, "Hans Müller", []string{"Lindenstraße 27"}, "10115", "Berlin", "DE", "de", "hans@example.org", "Ich schreibe aus Berlin.")},
		},
		{
			name: "Excel: BOM, semicolons, CRLF, line breaks in quotes, empty rows, trailing columns",
			file: "writers.csv",
			input: "\uFEFFName ; Address;Postal Code;Town;Country;E-mail;;\r\n" +
				"\r\n" +
				"Claire Dubois;\"8 rue des Lilas\r\nAppartement 4B\r\n\";69003;Lyon;France;claire@example.org;;\r\n" +
				";;;;;;;\r\n" +
				"\"Smith; John\";\"1 \"\"The Oaks\"\"\";SW1A 1AA;London;UK;;;\r\n",
			want: []Writer{
				w(3, "Claire Dubois", []string{"8 rue des Lilas", "Appartement 4B"}, "69003", "Lyon", "FR", "", "claire@example.org", ""),
				w(7, "Smith; John", []string{`1 "The Oaks"`}, "SW1A 1AA", "London", "GB", "", "", ""),
			},
		},
		{
			name: "address1 to address4, in any order, some empty",
			file: "writers.csv",
			input: "name,address2,Address 1,address3,address4,city,country\n" +
				"Jane Doe,Flat 3,12 Example Street,,Didsbury,Manchester,GB\n",
			want: []Writer{w(2, "Jane Doe", []string{"12 Example Street", "Flat 3", "Didsbury"}, "", "Manchester", "GB", "", "", "")},
		},
		{
			name:  "Windows-1252",
			file:  "writers.csv",
			input: "name;city;country;note\nJ\xfcrgen M\xfcller;K\xf6ln;DE;Spende: 20 \x80\nZo\xeb Martin;Paris;FR;\x93Libert\xe9\x94\n",
			want: []Writer{
				w(2, "Jürgen Müller", nil, "", "Köln", "DE", "", "", "Spende: 20 €"),
				w(3, "Zoë Martin", nil, "", "Paris", "FR", "", "", "“Liberté”"),
			},
			warnings: []string{"writers.csv: not UTF-8; read as Windows-1252: check the accented letters and quotes"},
		},
		{
			name:  "UTF-16LE with BOM, tab separated (Excel's Unicode Text)",
			file:  "writers.txt",
			input: utf16LE("name\tcity\tcountry\r\nИрина Волкова\tСанкт-Петербург\tRU\r\nZoë Martin\tParis\tFR\r\n"),
			want: []Writer{
				w(2, "Ирина Волкова", nil, "", "Санкт-Петербург", "RU", "", "", ""),
				w(3, "Zoë Martin", nil, "", "Paris", "FR", "", "", ""),
			},
		},
		{
			name:  "UTF-16BE with BOM",
			file:  "writers.csv",
			input: utf16BE("name,city,country\nZoë Martin,Paris,FR\n"),
			want:  []Writer{w(2, "Zoë Martin", nil, "", "Paris", "FR", "", "", "")},
		},
		{
			name:  "sep= line names the separator and counts as a line",
			file:  "writers.csv",
			input: "sep=;\nname;city;country\nJane Doe;Manchester;GB\n",
			want:  []Writer{w(3, "Jane Doe", nil, "", "Manchester", "GB", "", "", "")},
		},
		{
			name:  "old Mac line ends",
			file:  "writers.csv",
			input: "name,city,country\rJane Doe,Manchester,GB\rZoë Martin,Paris,FR\r",
			want: []Writer{
				w(2, "Jane Doe", nil, "", "Manchester", "GB", "", "", ""),
				w(3, "Zoë Martin", nil, "", "Paris", "FR", "", "", ""),
			},
		},
		{
			name:  "blank lines above the header, spaces around values, canonical language",
			file:  "writers.csv",
			input: "\n,,\nNAME , CITY , COUNTRY , LANGUAGE , ZIP\n  Jane Doe , Manchester , gb , EN , M1 1AA \n",
			want:  []Writer{w(4, "Jane Doe", nil, "M1 1AA", "Manchester", "GB", "en", "", "")},
		},
		{
			name: "YAML",
			file: "writers.yaml",
			input: "# our group\n" +
				"- name: Jane Doe\n  address: [12 Example Street]\n  postcode: M1 1AA\n  city: Manchester\n  country: GB\n" +
				"- name: Claire Dubois\n  address: |\n    8 rue des Lilas\n    Appartement 4B\n  postcode: 69003\n  city: Lyon\n  country: France\n  language: fr\n  note: Je vous écris de Lyon.\n",
			want: []Writer{
				jane,
				w(7, "Claire Dubois", []string{"8 rue des Lilas", "Appartement 4B"}, "69003", "Lyon", "FR", "fr", "", "Je vous écris de Lyon."),
			},
		},
		{
			name:  "YAML sniffed from stdin",
			file:  "-",
			input: "- name: Jane Doe\n  address: 12 Example Street\n  postcode: M1 1AA\n  city: Manchester\n  country: GB\n",
			want:  []Writer{w(1, "Jane Doe", []string{"12 Example Street"}, "M1 1AA", "Manchester", "GB", "", "", "")},
		},
		{
			name: "JSON",
			file: "writers.json",
			input: "[\n" +
				"  {\"name\": \"Jane Doe\", \"address\": [\"12 Example Street\"], \"postcode\": \"M1 1AA\", \"city\": \"Manchester\", \"country\": \"GB\"},\n" +
				"  {\n    \"name\": \"Robert Hale\",\n    \"address\": \"2210 Maple Avenue\\nApt 5\",\n    \"postcode\": 97205,\n    \"city\": \"Portland\",\n    \"country\": \"United States\",\n    \"email\": null\n  }\n" +
				"]\n",
			want: []Writer{
				jane,
				w(3, "Robert Hale", []string{"2210 Maple Avenue", "Apt 5"}, "97205", "Portland", "US", "", "", ""),
			},
		},
		{
			name:  "JSON sniffed from stdin",
			file:  "-",
			input: "\uFEFF  [{\"name\": \"Jane Doe\", \"city\": \"Manchester\", \"country\": \"gb\"}]",
			want:  []Writer{w(1, "Jane Doe", nil, "", "Manchester", "GB", "", "", "")},
		},
		{
			name:  "CSV sniffed from stdin",
			file:  "-",
			input: "name;city;country\nJane Doe;Manchester;GB\n",
			want:  []Writer{w(2, "Jane Doe", nil, "", "Manchester", "GB", "", "", "")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(tt.file, strings.NewReader(tt.input))
			if err != nil {
				t.Fatalf("unexpected error:\n%v", err)
			}
			if !reflect.DeepEqual(f.Writers, tt.want) {
				t.Errorf("writers:\n got %+v\nwant %+v", f.Writers, tt.want)
			}
			if len(f.Skipped) > 0 {
				t.Errorf("skipped: %v", f.Skipped)
			}
			if !reflect.DeepEqual(f.Warnings, tt.warnings) {
				t.Errorf("warnings: got %q, want %q", f.Warnings, tt.warnings)
			}
		})
	}
}

// TestLoadCityRegion checks the region and the city in letter languages.
func TestLoadCityRegion(t *testing.T) {
	sender := func(name string, city casefile.Text, region, country string) casefile.Sender {
		return casefile.Sender{Name: name, City: city, Region: region, Country: country}
	}
	tests := []struct {
		name  string
		file  string
		input string
		want  []casefile.Sender
	}{
		{
			name:  "CSV region",
			file:  "writers.csv",
			input: "name,city,region,country\nRobert Hale,Portland, OR ,US\nJane Doe,Manchester,,GB\n",
			want: []casefile.Sender{
				sender("Robert Hale", casefile.Text{"": "Portland"}, "OR", "US"),
				sender("Jane Doe", casefile.Text{"": "Manchester"}, "", "GB"),
			},
		},
		{
			name:  "CSV State header",
			file:  "writers.csv",
			input: "name;city;State;country\nRobert Hale;Portland;OR;US\n",
			want:  []casefile.Sender{sender("Robert Hale", casefile.Text{"": "Portland"}, "OR", "US")},
		},
		{
			name:  "CSV Province header",
			file:  "writers.csv",
			input: "name;city;Province;country\nMarie Tremblay;Québec;QC;CA\n",
			want:  []casefile.Sender{sender("Marie Tremblay", casefile.Text{"": "Québec"}, "QC", "CA")},
		},
		{
			name:  "CSV city_ru",
			file:  "writers.csv",
			input: "name,city,city_ru,country\nJane Doe,Manchester,Манчестер,GB\n",
			want:  []casefile.Sender{sender("Jane Doe", casefile.Text{"": "Manchester", "ru": "Манчестер"}, "", "GB")},
		},
		{
			name:  `CSV "city (ru)" and "City EN"`,
			file:  "writers.csv",
			input: "name,city,city (ru),City EN,country\nИрина Волкова,Санкт-Петербург,Санкт-Петербург,Saint Petersburg,RU\n",
			want: []casefile.Sender{sender("Ирина Волкова",
				casefile.Text{"": "Санкт-Петербург", "ru": "Санкт-Петербург", "en": "Saint Petersburg"}, "", "RU")},
		},
		{
			name:  "CSV city.kk-kz and Town-EN: canonical tags",
			file:  "writers.csv",
			input: "name,city.kk-kz,Town-EN,country\nАйгерим,Алматы,Almaty,KZ\n",
			want:  []casefile.Sender{sender("Айгерим", casefile.Text{"kk-KZ": "Алматы", "en": "Almaty"}, "", "KZ")},
		},
		{
			name:  "CSV city_kk_KZ",
			file:  "writers.csv",
			input: "name,city_kk_KZ,country\nАйгерим,Алматы,KZ\n",
			want:  []casefile.Sender{sender("Айгерим", casefile.Text{"kk-KZ": "Алматы"}, "", "KZ")},
		},
		{
			name:  "CSV a row with only a city in a letter language; an empty one is left out",
			file:  "writers.csv",
			input: "name,city,city_ru,country\nИрина Волкова,,Санкт-Петербург,RU\nJane Doe,Manchester, ,GB\n",
			want: []casefile.Sender{
				sender("Ирина Волкова", casefile.Text{"ru": "Санкт-Петербург"}, "", "RU"),
				sender("Jane Doe", casefile.Text{"": "Manchester"}, "", "GB"),
			},
		},
		{
			name:  "CSV only a city_ru column",
			file:  "writers.csv",
			input: "name,city_ru,country\nИрина Волкова,Санкт-Петербург,RU\n",
			want:  []casefile.Sender{sender("Ирина Волкова", casefile.Text{"ru": "Санкт-Петербург"}, "", "RU")},
		},
		{
			name: "YAML region and city maps",
			file: "writers.yaml",
			input: "- name: Robert Hale\n  city: Portland\n  region: OR\n  country: US\n" +
				"- name: Jane Doe\n  city: {en: Manchester, RU: Манчестер}\n  country: GB\n" +
				"- name: Ирина Волкова\n  city:\n    \"\": Санкт-Петербург\n    en: Saint Petersburg\n    de: ~\n  country: RU\n" +
				"- name: Айгерим\n  city: {kk-kz: Алматы}\n  country: KZ\n",
			want: []casefile.Sender{
				sender("Robert Hale", casefile.Text{"": "Portland"}, "OR", "US"),
				sender("Jane Doe", casefile.Text{"en": "Manchester", "ru": "Манчестер"}, "", "GB"),
				sender("Ирина Волкова", casefile.Text{"": "Санкт-Петербург", "en": "Saint Petersburg"}, "", "RU"),
				sender("Айгерим", casefile.Text{"kk-KZ": "Алматы"}, "", "KZ"),
			},
		},
		{
			name: "JSON region and city maps",
			file: "writers.json",
			input: "[\n" +
				`  {"name": "Robert Hale", "city": "Portland", "region": "OR", "country": "US"},` + "\n" +
				`  {"name": "Jane Doe", "city": {"": "Manchester", "ru": "Манчестер", "de": null}, "country": "GB"},` + "\n" +
				`  {"name": "Ирина Волкова", "city": {"RU": "Санкт-Петербург"}, "country": "RU", "region": null}` + "\n" +
				"]\n",
			want: []casefile.Sender{
				sender("Robert Hale", casefile.Text{"": "Portland"}, "OR", "US"),
				sender("Jane Doe", casefile.Text{"": "Manchester", "ru": "Манчестер"}, "", "GB"),
				sender("Ирина Волкова", casefile.Text{"ru": "Санкт-Петербург"}, "", "RU"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(tt.file, strings.NewReader(tt.input))
			if err != nil {
				t.Fatalf("unexpected error:\n%v", err)
			}
			var got []casefile.Sender
			for _, w := range f.Writers {
				got = append(got, w.Sender)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("senders:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestLoadProblems checks every problem reported, in order, and what Load
// still returns.
func TestLoadProblems(t *testing.T) {
	const head = "name,address,city,country,language,email\n"
	const known = "the columns are name, address (or address1 to address4), postcode, city (and city_ru … for a letter language), region, country, language, email, note, to (recipient ids), case (its reference)"
	tests := []struct {
		name  string
		file  string
		input string
		want  []string // every problem, as FILE:LINE: PATH: message
		good  []string // names of the writers still read; nil: File is nil
	}{
		{
			name:  "unknown column",
			file:  "writers.csv",
			input: "name,city,country,Phone\nJane Doe,Manchester,GB,0161 496 0000\n",
			want:  []string{`writers.csv:1: unknown column "Phone"; ` + known},
		},
		{
			name:  "misspelt column",
			file:  "writers.csv",
			input: "name,adress,city,country\n",
			want:  []string{`writers.csv:1: unknown column "adress"; did you mean "address"? ` + known},
		},
		{
			name:  "no name column",
			file:  "writers.csv",
			input: "full name;city;country\nJane Doe;Manchester;GB\n",
			want: []string{
				`writers.csv:1: unknown column "full name"; ` + known,
				`writers.csv:1: no "name" column; the first row names the columns: name, address (or address1 to address4), postcode, city (and city_ru … for a letter language), region, country, language, email, note, to (recipient ids), case (its reference)`,
			},
		},
		{
			name:  "no city and country columns",
			file:  "writers.csv",
			input: "name\nJane Doe\n",
			want: []string{
				`writers.csv:1: no "city" column; the first row names the columns: ` + knownColumns,
				`writers.csv:1: no "country" column; the first row names the columns: ` + knownColumns,
			},
		},
		{
			name:  "a column twice",
			file:  "writers.csv",
			input: "name,city,country,postcode,zip\n",
			want:  []string{`writers.csv:1: columns 4 ("postcode") and 5 ("zip") both give the postcode; keep one`},
		},
		{
			name:  "address and address1",
			file:  "writers.csv",
			input: "name,address,address1,city,country\n",
			want:  []string{`writers.csv:1: there is an "address" column and "address1" to "address4" columns; use one or the other`},
		},
		{
			name:  "bad country on line 5",
			file:  "writers.csv",
			input: head + "A,,Leeds,GB,,\nB,,Lyon,FR,,\nC,,Riga,LV,,\nD,,Cair Paravel,Narnia,,\nE,,Oslo,NO,,\n",
			want:  []string{`writers.csv:5: country: unknown country "Narnia"; give its ISO code (GB) or English name (United Kingdom)`},
			good:  []string{"A", "B", "C", "E"},
		},
		{
			name: "bad row after a quoted address over three lines, with CRLF and an empty row",
			file: "writers.csv",
			input: "\uFEFFname;address;city;country\r\n" +
				"A;\"Flat 1\r\n2 High Street\r\nWest End\";Leeds;GB\r\n" +
				"\r\n" +
				"B;;Lyon;Narnia\r\n",
			want: []string{`writers.csv:6: country: unknown country "Narnia"; give its ISO code (GB) or English name (United Kingdom)`},
			good: []string{"A"},
		},
		{
			name: "several bad rows, all reported",
			file: "writers.csv",
			input: head +
				",1 Street,Leeds,GB,,\n" +
				"B,,,,,\n" +
				"C,,Lyon,FR,english!,c.example.org\n" +
				"D,,Oslo,NO,,d@example.org\n" +
				"E,,Riga,LV,,,surplus\n",
			want: []string{
				`writers.csv:2: name: required: the name the writer signs with`,
				`writers.csv:3: city: required: letters say where the writer lives`,
				`writers.csv:3: country: required: the writer's country, as an ISO code (GB) or English name (United Kingdom)`,
				`writers.csv:4: language: "english!" is not a language tag such as en, ru or kk`,
				`writers.csv:4: email: "c.example.org" is not an email address`,
				`writers.csv:6: column 7: a value in a column without a header; name the column (` + knownColumns + `) or clear it`,
			},
			good: []string{"D"},
		},
		{
			name:  "a bad language tag in a city header",
			file:  "writers.csv",
			input: "name,city,City Russian,country\nJane Doe,Manchester,Манчестер,GB\n",
			want:  []string{`writers.csv:1: column "City Russian": "Russian" is not a language tag such as en, ru or kk; name the city in a letter language like "city_ru"`},
		},
		{
			name:  "a bad language tag in a city header below a sep= line",
			file:  "writers.csv",
			input: "sep=;\nname;city;city (xx!);country\n",
			want:  []string{`writers.csv:2: column "city (xx!)": "xx!" is not a language tag such as en, ru or kk; name the city in a letter language like "city_ru"`},
		},
		{
			name:  "two columns of the city in one language",
			file:  "writers.csv",
			input: "name,city_ru,City (RU),country\n",
			want:  []string{`writers.csv:1: columns 2 ("city_ru") and 3 ("City (RU)") both give the city (ru); keep one`},
		},
		{
			name:  "CSV: no city at all; a city and a region in two lines",
			file:  "writers.csv",
			input: "name,city,city_ru,region,country\nA,,Москва,,RU\nB,, ,,RU\nC,,\"Санкт-\nПетербург\",\"OR\nWA\",RU\n",
			want: []string{
				`writers.csv:3: city: required: letters say where the writer lives`,
				`writers.csv:4: region: must be one line`,
				`writers.csv:4: city.ru: must be one line`,
			},
			good: []string{"A"},
		},
		{
			name: "YAML: bad tags and values in a city map, no city",
			file: "writers.yaml",
			input: "- name: A\n  city: {en: Leeds, english: Leeds}\n  country: GB\n" +
				"- name: B\n  city:\n    en: Leeds\n    EN: Leeds\n  country: GB\n" +
				"- name: C\n  city:\n    ru: [Москва]\n  country: RU\n" +
				"- name: D\n  city: {ru: ~}\n  country: RU\n" +
				"- name: E\n  city_ru: Москва\n  region: \"a\\nb\"\n  country: RU\n" +
				"- name: F\n  city: {ru: Москва}\n  country: RU\n",
			want: []string{
				`writers.yaml:2: city.english: "english" is not a language tag such as en, ru or kk`,
				`writers.yaml:7: city.EN: the same language as "en"; keep one`,
				`writers.yaml:11: city.ru: expected text, found a list`,
				`writers.yaml:14: city: required: letters say where the writer lives`,
				`writers.yaml:16: city: required: letters say where the writer lives`,
				`writers.yaml:17: city_ru: unknown field; give the city in letter languages as a map under "city", keyed by language tag`,
				`writers.yaml:18: region: must be one line`,
			},
			good: []string{"F"},
		},
		{
			name: "JSON: bad tags in a city map, a key twice, no city",
			file: "writers.json",
			input: "[\n" +
				`  {"name": "A",` + "\n" +
				`   "city": {"en": "Leeds",` + "\n" +
				`            "en gb": "Leeds"},` + "\n" +
				`   "country": "GB"},` + "\n" +
				`  {"name": "B", "city": {"ru": "X", "ru": "Y"}, "country": "RU"},` + "\n" +
				`  {"name": "C", "city": {}, "country": "RU"},` + "\n" +
				`  {"name": "D", "city": {"ru": {"x": 1}}, "country": "RU"},` + "\n" +
				`  {"name": "E", "city": {"ru": "Москва"}, "country": "RU"}` + "\n" +
				"]",
			want: []string{
				`writers.json:4: city.en gb: "en gb" is not a language tag such as en, ru or kk`,
				`writers.json:6: city.ru: given twice`,
				`writers.json:7: city: required: letters say where the writer lives`,
				`writers.json:8: city.ru: expected text, found an object`,
			},
			good: []string{"E"},
		},
		{
			name:  "a quote inside an unquoted field",
			file:  "writers.csv",
			input: head + "A,,Leeds,GB,,\nJohn \"Jack\" Smith,,Leeds,GB,,\n",
			want:  []string{`writers.csv:3: not CSV: a quote (") in a field that is not in quotes; put the whole field in quotes and double the quote (""), as spreadsheets do`},
		},
		{
			name:  "a quoted field never closed",
			file:  "writers.csv",
			input: head + "A,\"1 Street,Leeds,GB,,\nB,,Lyon,FR,,\n",
			want:  []string{`writers.csv:2: not CSV: a field in quotes on this row is not closed where it should be (found on line 3); double any quote (") inside it`},
		},
		{
			name:  "empty",
			file:  "writers.csv",
			input: "\uFEFF \r\n\r\n",
			want:  []string{"writers.csv:1: the file is empty"},
		},
		{
			name:  "header only",
			file:  "writers.csv",
			input: "name,city,country\n,,\n",
			want:  []string{"writers.csv:1: the file lists no writers"},
		},
		{
			name:  "a spreadsheet workbook",
			file:  "writers.xlsx",
			input: "PK\x03\x04\x14\x00\x06\x00",
			want:  []string{`writers.xlsx: this is a spreadsheet workbook or other document (.xlsx, .ods, .xls, .docx), not a text file; save the writers as "CSV UTF-8", YAML or JSON`},
		},
		{
			name: "YAML: unknown keys, wrong kinds, missing fields",
			file: "writers.yml",
			input: "- name: Jane Doe\n  city: Manchester\n  country: GB\n  phone: 0161 496 0000\n" +
				"- name: Claire Dubois\n  town: Lyon\n  country: FR\n" +
				"- name: [Hans]\n  adress: Lindenstraße 27\n  city: Berlin\n  country: DE\n" +
				"- Zoë Martin\n" +
				"- name: Robert Hale\n  city: Portland\n  country: US\n",
			want: []string{
				`writers.yml:4: phone: unknown field; the fields are name, address, postcode, city, region, country, language, email, note, to, case`,
				`writers.yml:5: city: required: letters say where the writer lives`,
				`writers.yml:6: town: unknown field; write "city"`,
				`writers.yml:8: name: expected text, found a list`,
				`writers.yml:9: adress: unknown field; did you mean "address"?`,
				`writers.yml:12: expected the fields of a writer (name: …), found "Zoë Martin"`,
			},
			good: []string{"Robert Hale"},
		},
		{
			name:  "YAML: not a list",
			file:  "writers.yaml",
			input: "name: Jane Doe\ncity: Manchester\n",
			want:  []string{`writers.yaml:1: expected a list of writers, each starting with "- name:"; found a map`},
		},
		{
			name:  "YAML: syntax error",
			file:  "writers.yaml",
			input: "- name: Jane Doe\n  city: [Manchester\n",
			want:  []string{`writers.yaml:1: not valid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "JSON: unknown key, a bad country, a field twice",
			file: "writers.json",
			input: "[\n" +
				"  {\"name\": \"Jane Doe\", \"city\": \"Manchester\", \"country\": \"GB\", \"Phone\": \"0161\"},\n" +
				"  {\"name\": \"Robert Hale\", \"city\": \"Portland\", \"country\": \"US\"},\n" +
				"  {\"name\": \"B\",\n   \"city\": \"Cair Paravel\",\n   \"country\": \"Narnia\",\n   \"city\": \"X\"},\n" +
				"  \"Zoë Martin\"\n" +
				"]",
			want: []string{
				`writers.json:2: Phone: unknown field; the fields are name, address, postcode, city, region, country, language, email, note, to, case`,
				`writers.json:6: country: unknown country "Narnia"; give its ISO code (GB) or English name (United Kingdom)`,
				`writers.json:7: city: field given twice`,
				`writers.json:8: expected the fields of a writer ({"name": …}), found "Zoë Martin"`,
			},
			good: []string{"Robert Hale"},
		},
		{
			name:  "JSON: an object, not a list",
			file:  "writers.json",
			input: "{\"writers\": []}",
			want:  []string{`writers.json:1: expected a list of writers: [{"name": …}, …]; found an object`},
		},
		{
			name:  "JSON: syntax error",
			file:  "writers.json",
			input: "[\n {\"name\": \"Jane\",\n  \"city\" \"Leeds\"}\n]",
			want:  []string{`writers.json:3: not valid JSON: invalid character '"' after object key`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Load(tt.file, strings.NewReader(tt.input))
			var ps input.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %T %v, want input.Problems", err, err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
			if tt.good == nil {
				if f != nil {
					t.Errorf("File %+v, want nil", f)
				}
				return
			}
			if f == nil {
				t.Fatal("File is nil")
			}
			var names []string
			for _, w := range f.Writers {
				names = append(names, w.Sender.Name)
			}
			if !reflect.DeepEqual(names, tt.good) {
				t.Errorf("writers %q, want %q", names, tt.good)
			}
			if !reflect.DeepEqual(f.Skipped, ps) {
				t.Errorf("Skipped %v, want the problems of the error", f.Skipped)
			}
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	f, err := Load("writers.csv", &repeat{b: 'x', n: MaxSize + 1})
	want := "writers.csv: file is larger than 50 MiB; 10,000 writers take about 2 MiB: is this the right file?"
	if f != nil || err == nil || err.Error() != want {
		t.Errorf("got %v, %v; want nil, %s", f, err, want)
	}
}

// repeat reads n bytes b, without holding them, and then fails.
type repeat struct {
	b byte
	n int64
}

func (l *repeat) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errRead
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	for i := range p {
		p[i] = l.b
	}
	l.n -= int64(len(p))
	return len(p), nil
}

var errRead = errors.New("disk on fire")

func TestLoadReadError(t *testing.T) {
	_, err := Load("writers.csv", &repeat{b: 'x', n: 10})
	if !errors.Is(err, errRead) || input.IsInvalid(err) {
		t.Errorf("got %v, want the read error", err)
	}
}

// generated is a CSV of n writers in the shape of a real export.
func generated(n int) []byte {
	countries := []string{"GB", "Germany", "FR", "Kazakhstan", "US", "NL", "RU", "Poland"}
	var b bytes.Buffer
	b.WriteString("\uFEFFname;address;postcode;city;country;language;email;note\r\n")
	for i := range n {
		fmt.Fprintf(&b, "Writer %d;\"%d Long Street\r\nFlat %d\";%05d;Town %d;%s;en;w%d@example.org;I write as writer number %d.\r\n",
			i, i, i%50, i, i%300, countries[i%len(countries)], i, i)
	}
	return b.Bytes()
}

func TestLoad5000Rows(t *testing.T) {
	f, err := Load("writers.csv", bytes.NewReader(generated(5000)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Writers) != 5000 {
		t.Fatalf("%d writers, want 5000", len(f.Writers))
	}
	last := f.Writers[4999]
	if last.Line != 2+2*4999 || last.Sender.Name != "Writer 4999" || last.Sender.Country != "PL" || len(last.Sender.Address) != 2 {
		t.Errorf("last writer %+v", last)
	}
}

func BenchmarkLoad10000(b *testing.B) {
	data := generated(10000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := Load("writers.csv", bytes.NewReader(data))
		if err != nil || len(f.Writers) != 10000 {
			b.Fatal(err)
		}
	}
}

// TestExample reads examples/writers.csv, the file the README's batch uses.
func TestExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/writers.csv")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load("writers.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var countries []string
	for _, w := range f.Writers {
		countries = append(countries, w.Sender.Country)
	}
	if got := strings.Join(countries, " "); got != "GB DE FR KZ US NL RU PL KZ" {
		t.Errorf("countries %s", got)
	}
	if len(f.Warnings) > 0 {
		t.Errorf("warnings %q", f.Warnings)
	}
	if c := f.Writers[2]; c.Line != 4 || len(c.Sender.Address) != 2 {
		t.Errorf("Claire Dubois: %+v", c)
	}
	if a := f.Writers[3]; a.Sender.City[""] != "Алматы" || a.Sender.Language != "ru" {
		t.Errorf("Айгерим Садыкова: %+v", a)
	}
	if r := f.Writers[4]; r.Sender.Region != "OR" || r.Sender.Postcode != "97205" {
		t.Errorf("Robert Hale: %+v", r)
	}
	if r := f.Writers[6]; r.Sender.City[""] != "Санкт-Петербург" || r.Sender.Language != "ru" || r.Line != 9 {
		t.Errorf("Ирина Волкова: %+v", r)
	}
}

func FuzzLoad(f *testing.F) {
	if data, err := os.ReadFile("../../examples/writers.csv"); err == nil {
		f.Add(data, uint8(0))
	}
	f.Add([]byte("\uFEFFname;address;city;country\r\nA;\"1\r\n2\";Leeds;GB\r\n\r\nB;;Lyon;Narnia\r\n"), uint8(0))
	f.Add([]byte("name,city,country\nJ\xfcrgen,K\xf6ln,DE\n"), uint8(0))
	f.Add([]byte(utf16LE("name\tcity\tcountry\r\nZoë\tParis\tFR\r\n")), uint8(3))
	f.Add([]byte("- name: Jane\n  city: Leeds\n  country: GB\n  address: [a, [b]]\n- x\n"), uint8(1))
	f.Add([]byte("- &a {name: x}\n- *a\n"), uint8(3))
	f.Add([]byte(`[{"name": "Jane", "city": "Leeds", "country": "GB", "address": ["a", 1]}, 2]`), uint8(2))
	f.Add([]byte("sep=;\nname;city;country\n"), uint8(3))
	f.Add([]byte("name,city,city_ru,City (EN),state,country\nA,,Москва,Moscow,,RU\nB,Portland,,,OR,US\n"), uint8(0))
	f.Add([]byte("- name: A\n  city: {\"\": Leeds, ru: Лидс, EN: Leeds, x!: y}\n  region: WY\n  country: GB\n"), uint8(1))
	f.Add([]byte(`[{"name": "A", "city": {"ru": "Лидс", "en": 1, "de": null, "fr": [2]}, "region": "W", "country": "GB"}]`), uint8(2))
	names := []string{"writers.csv", "writers.yaml", "writers.json", "-"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := names[int(which)%len(names)]
		file, err := Load(name, bytes.NewReader(data))
		if err == nil {
			if file == nil || len(file.Skipped) > 0 {
				t.Fatalf("no error, but File %+v", file)
			}
		} else {
			ps, ok := err.(input.Problems)
			if !ok {
				t.Fatalf("error %T is not input.Problems: %v", err, err)
			}
			if len(ps) == 0 {
				t.Fatal("empty Problems")
			}
			for _, p := range ps {
				if p.File != name || p.Msg == "" {
					t.Fatalf("problem without its file or message: %+v", p)
				}
			}
			if file != nil && !reflect.DeepEqual(file.Skipped, ps) {
				t.Fatalf("Skipped %v, error %v", file.Skipped, ps)
			}
		}
		if file == nil {
			return
		}
		for _, w := range file.Writers {
			s := w.Sender
			if w.Line < 1 || s.Name == "" || s.PostalCity() == "" || len(s.Country) != 2 {
				t.Fatalf("invalid writer returned: %+v", w)
			}
			for k, v := range s.City {
				if c, ok := input.Tag(k); v == "" || k != "" && (!ok || c != k) {
					t.Fatalf("city %q: %q in writer %+v", k, v, w)
				}
			}
		}
	})
}

// TestOneWindows1252Line: a UTF-8 file with one row pasted from a
// Windows-1252 program keeps every other row as written and names the
// line it read otherwise.
func TestOneWindows1252Line(t *testing.T) {
	data := "name,city,country\nИрина Волкова,Санкт-Петербург,RU\nJ\xfcrgen M\xfcller,K\xf6ln,DE\nНұрлан Ахметов,Шымкент,KZ\n"
	f, err := Load("writers.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range f.Writers {
		names = append(names, w.Sender.Name)
	}
	if got := strings.Join(names, "|"); got != "Ирина Волкова|Jürgen Müller|Нұрлан Ахметов" {
		t.Errorf("names %q", got)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "writers.csv: UTF-8 but for line 3") {
		t.Errorf("warnings %q", f.Warnings)
	}
}

func TestLoadFieldLength(t *testing.T) {
	data := "name,city,country,note\n" + strings.Repeat("N", 1<<20) + ",Leeds,GB,\nAnn,Leeds,GB," + strings.Repeat("n", 2001) + "\n"
	_, err := Load("writers.csv", strings.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), "writers.csv:2: name: 1048576 characters; at most 200 fit in a letter") ||
		!strings.Contains(err.Error(), "writers.csv:3: note: 2001 characters; at most 2000") {
		t.Errorf("got %v", err)
	}
}

func TestLoadRecipients(t *testing.T) {
	for _, tc := range []struct{ file, input string }{
		{"w.csv", "name,city,country,to\nJane,Leeds,GB,\"a, b\"\nBob,York,GB,\n"},
		{"w.csv", "name;city;country;Recipients\nJane;Leeds;GB;a b\nBob;York;GB;\n"},
		{"w.yaml", "- {name: Jane, city: Leeds, country: GB, to: [a, b]}\n- {name: Bob, city: York, country: GB}\n"},
		{"w.json", `[{"name": "Jane", "city": "Leeds", "country": "GB", "to": "a b"}, {"name": "Bob", "city": "York", "country": "GB"}]`},
	} {
		got, err := Load(tc.file, strings.NewReader(tc.input))
		if err != nil {
			t.Fatalf("%s: %v", tc.input, err)
		}
		if len(got.Writers) != 2 || !slices.Equal(got.Writers[0].To, []string{"a", "b"}) || got.Writers[1].To != nil {
			t.Errorf("%s: %+v", tc.input, got.Writers)
		}
	}
	_, err := Load("w.yaml", strings.NewReader("- {name: Jane, city: Leeds, country: GB, to: [a, {b: c}]}\n"))
	if want := "w.yaml:1: to[1]: expected a recipient id, found a map"; fmt.Sprint(err) != want {
		t.Errorf("a map in the to list: %v, want %s", err, want)
	}
}
