// Package country names countries for address blocks and letter texts,
// from the CLDR tables in golang.org/x/text, and decides which language a
// writer's post reads the destination line in.
package country

import (
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var (
	once   sync.Once
	codes  []string          // every ISO 3166-1 alpha-2 country code
	byName map[string]string // folded English name or code -> code
)

func load() {
	byName = map[string]string{}
	en := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != code || en.Name(r) == "" || notCountries[code] {
				continue
			}
			codes = append(codes, code)
			byName[fold(code)] = code
			byName[fold(en.Name(r))] = code
			if n, ok := englishNames[code]; ok {
				byName[fold(n)] = code
			}
		}
	}
	sort.Strings(codes)
	// Names people write that CLDR lists otherwise.
	for name, code := range map[string]string{
		"uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
		"northern ireland": "GB", "usa": "US", "united states of america": "US",
		"russian federation": "RU", "republic of kazakhstan": "KZ", "holland": "NL",
	} {
		byName[name] = code
	}
}

// notCountries are codes CLDR treats as countries that ISO 3166-1 does
// not assign: groupings and the exceptionally reserved codes.
var notCountries = map[string]bool{
	"EZ": true, "UN": true, "AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true,
}

// englishNames replaces CLDR names that are outdated in the x/text tables or
// are not what a post office expects on a destination line.
var englishNames = map[string]string{
	"MK": "North Macedonia", "SZ": "Eswatini", "MM": "Myanmar", "HK": "Hong Kong", "MO": "Macao",
	"CZ": "Czechia",
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Parse returns the ISO 3166-1 alpha-2 code of s, which is a code ("kz",
// "KZ") or a country's English name ("Kazakhstan"). ok is false when s
// names no country.
func Parse(s string) (code string, ok bool) {
	once.Do(load)
	code, ok = byName[fold(s)]
	return code, ok
}

// Valid reports whether code is an ISO 3166-1 alpha-2 country code.
func Valid(code string) bool {
	once.Do(load)
	i := sort.SearchStrings(codes, code)
	return i < len(codes) && codes[i] == code
}

// Name is the country's name in the language lang, as a reader of that
// language writes it in running text (nominative).
func Name(code, lang string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if base, _ := tag.Base(); base.String() == "en" {
		if n, ok := englishNames[code]; ok {
			return n
		}
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	return display.English.Regions().Name(r)
}

// postLanguage is the language the post of a sending country reads the
// destination line in, where it is not English. The Universal Postal
// Union lets a post office ask for the destination country in its own
// language; posts of the former Soviet Union read Russian.
var postLanguage = map[string]string{
	"RU": "ru", "BY": "ru", "KZ": "ru", "KG": "ru", "TJ": "ru",
	"DE": "de", "AT": "de", "CH": "de", "LI": "de",
	"FR": "fr", "BE": "fr", "LU": "fr", "MC": "fr", "SN": "fr", "CI": "fr", "ML": "fr", "BF": "fr",
	"NE": "fr", "TG": "fr", "BJ": "fr", "GN": "fr", "CM": "fr", "GA": "fr", "CG": "fr", "CD": "fr",
	"MG": "fr", "HT": "fr", "TD": "fr", "CF": "fr", "BI": "fr", "DJ": "fr", "KM": "fr",
	"ES": "es", "MX": "es", "AR": "es", "CO": "es", "CL": "es", "PE": "es", "VE": "es", "EC": "es",
	"GT": "es", "CU": "es", "BO": "es", "DO": "es", "HN": "es", "PY": "es", "SV": "es", "NI": "es",
	"CR": "es", "PA": "es", "UY": "es", "GQ": "es",
	"IT": "it", "NL": "nl", "PL": "pl", "CZ": "cs", "SE": "sv",
	"NO": "nb", "DK": "da", "FI": "fi", "PT": "pt", "BR": "pt",
}

// PostLanguage is the language the post of country reads addresses in,
// where this package knows it; else English.
func PostLanguage(code string) string {
	if l, ok := postLanguage[code]; ok {
		return l
	}
	return "en"
}

// DestinationLine is the last line of an address block for mail sent from
// the country from to the country to: the destination's name in capitals,
// in the language the sending post reads. It is empty when both are the
// same country. An unknown sender country gets the English name.
func DestinationLine(from, to string) string {
	if from == to {
		return ""
	}
	lang := PostLanguage(from)
	return Upper(Name(to, lang), lang)
}

// Upper capitalises s by the rules of lang (Unicode-correct: "België" ->
// "BELGIË", Turkish dotted i -> İ).
func Upper(s, lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return cases.Upper(tag).String(s)
}

// usStates are the names of the states of the United States (and its
// capital district) by their postal codes.
var usStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
	"CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
	"HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
	"KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
	"MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
	"NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
	"NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
	"OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
	"WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}

// RegionName is the English name of a region as a writer gives it: a US
// state's postal code becomes the state's name ("OR" -> "Oregon"); any
// other region is returned as written.
func RegionName(country, region string) string {
	if country == "US" {
		if n, ok := usStates[strings.ToUpper(strings.TrimSpace(region))]; ok {
			return n
		}
	}
	return strings.TrimSpace(region)
}
