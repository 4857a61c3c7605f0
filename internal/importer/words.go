package importer

import (
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// honorific is a form of address that may stand before a name. gender is
// set only where the word itself says it (Mr, Ms, His Excellency).
type honorific struct {
	words  string // lower case, as matched
	gender gender
}

// honorifics, longest first so that "his excellency" wins over "his".
var honorifics = []honorific{
	{"his excellency", male}, {"her excellency", female}, {"his majesty", male}, {"her majesty", female},
	{"son excellence", unstated}, {"seine exzellenz", male}, {"ihre exzellenz", female},
	{"the honourable", unstated}, {"the honorable", unstated}, {"excellency", unstated},
	{"s. e.", unstated}, {"herrn", male}, {"monsieur le", male}, {"madame la", female}, {"monsieur", male}, {"madame", female},
	{"mademoiselle", female}, {"madam", female}, {"herr", male}, {"frau", female},
	{"h.e.", unstated}, {"s.e.", unstated}, {"hon.", unstated}, {"mrs.", female}, {"mrs", female}, {"mr.", male}, {"mr", male},
	{"ms.", female}, {"ms", female}, {"miss", female}, {"mme", female}, {"mlle", female}, {"m.", male},
	{"sir", male}, {"dame", female}, {"dr.", unstated}, {"dr", unstated}, {"prof.", unstated}, {"prof", unstated},
	{"señor", male}, {"señora", female}, {"sr.", male}, {"sra.", female},
	{"rt. hon.", unstated}, {"rt. hon", unstated}, {"rt hon", unstated}, {"ayatollah", male}, {"shaikh", male}, {"sheikh", male},
	{"prince", male}, {"генерал-полковнику", unstated}, {"almirante", unstated}, {"gral.", unstated}, {"lic.", unstated}, {"lic", unstated}, {"licenciado", male}, {"licenciada", female},
}

// stripHonorifics takes honorifics off the start of s ("HIS EXCELLENCY MR
// ERZHAN KAZYKHANOV" -> "ERZHAN KAZYKHANOV") and returns the gender they
// state.
func stripHonorifics(s string) (rest string, g gender, found bool) {
	rest = strings.TrimSpace(s)
	for {
		low := strings.ToLower(rest)
		matched := false
		for _, h := range honorifics {
			if !strings.HasPrefix(low, h.words) {
				continue
			}
			after := rest[len(h.words):]
			// A whole word: "Mr" but not "Mrkonjić"; "M." only before a capital.
			if after != "" && !strings.HasSuffix(h.words, ".") && !strings.HasPrefix(after, " ") && !strings.HasPrefix(after, ".") {
				continue
			}
			if h.words == "m." && !startsUpper(strings.TrimSpace(after)) {
				continue
			}
			rest = strings.TrimSpace(strings.TrimPrefix(after, "."))
			found, matched = true, true
			g = g.merge(h.gender)
			break
		}
		// "HE" is His or Her Excellency only in capitals.
		if !matched && strings.HasPrefix(rest, "HE ") {
			rest, found, matched = strings.TrimSpace(rest[3:]), true, true
		}
		if !matched {
			return rest, g, found
		}
	}
}

// Words that make a phrase an organisation or a title. Matched per word,
// in lower case; German compounds match by their end (Justizministerium).
var (
	orgWords = words(`unit unidad region région oblast ministry ministère ministere ministerio ministério office bureau embassy ambassade botschaft
		embajada consulate consulat konsulat mission court tribunal cour gericht commission administration
		presidency présidence presidencia parliament parlement council department département departamento
		directorate secretariat secrétariat procuracy prokuratura prosecution agency service palace palais
		government gouvernement regierung cabinet kabinett authority autorité behörde police prison
		headquarters parquet`)
	orgSuffixes = []string{"ministerium", "anwaltschaft", "kanzlei", "kanzleramt", "präsidium", "gericht", "botschaft", "behörde", "organisation"}
	titleWords  = words(`minister crown constitucional secretario secretaria geschäftsträger gesandter leiter leiterin директору директор генеральному прокурору прокурор министру министр председателю президенту extraordinary plenipotentiary consejera consejero ministre ministra president président présidente presidente prosecutor procureur
		procureure procurador procuradora attorney ambassador ambassadeur ambassadrice embajador embajadora
		commissioner commissaire ombudsman ombudsperson médiateur mediator defender governor gouverneur
		gobernador head chair chairman chairwoman chairperson director directeur directrice direktor
		direktorin chief chef judge juge richter richterin mayor maire bürgermeister bürgermeisterin king
		queen roi reine könig königin emir sultan premier secretary secrétaire sekretär speaker commander
		chancellor kanzler kanzlerin chargé inspector procurator advocate garde generalstaatsanwalt
		generalstaatsanwältin staatsanwalt staatsanwältin botschafter botschafterin präsident präsidentin
		beauftragte beauftragter consul konsul`)
	titleSuffixes = []string{"minister", "ministerin", "präsident", "präsidentin", "beauftragte", "beauftragter", "staatsanwalt", "staatsanwältin", "botschafter", "botschafterin"}
	// Words a title may continue with before a name ("Minister of Justice Marat Beketaev").
	titleTail = words(`general justice interior internal home foreign affairs defence defense health public
		security human rights national federal state supreme chief deputy prime first republic president
		minister prosecutor commissioner office ombudsman and of the for de la du des le l' der die des für
		und y del et affaires étrangères intérieur sceaux garde`)
	embassyWords = words(`embassy ambassade botschaft embajada consulate consulat konsulat mission`)
	// Words that are never part of a person's name in running text.
	nameStop = words(`the a an on in at by of for from to with and or but as his her their its this that these
		those he she they we you i it when while after before since despite according both all also more
		most some any no not urgent action please write send appeals appeal dear salutation fax phone email
		tel telephone mail article articles criminal code civil political covenant convention constitution
		court courts regional region city district province oblast street square avenue road republic
		kingdom state states united nations un international amnesty standard minimum rules treatment
		prisoners prisoner conscience human rights defender defenders ministry minister justice interior
		prosecutor general president office embassy police prison colony detention centre center facility
		national federal supreme additional information further background monday tuesday wednesday
		thursday friday saturday sunday january february march april may june july august september
		october november december against torture land ua index date name names gender update sample
		letter take share donate home news`)
	connectors = words(`of the for and de la le du des der die das den dem für und y del en et l' d' von van bin ibn al el da di dos`)
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func hasSuffixWord(w string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func isOrgWord(w string) bool {
	w = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
	return orgWords[w] || hasSuffixWord(w, orgSuffixes)
}

func isTitleWord(w string) bool {
	w = strings.ToLower(w)
	return titleWords[w] || hasSuffixWord(w, titleSuffixes)
}

// Months in English, French and German (with the forms people type
// without accents), lower case -> month number.
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range []string{
		"january jan janvier januar jänner janv enero",
		"february feb février fevrier februar févr fevr febrero",
		"march mar mars märz maerz marz marzo",
		"april apr avril abril",
		"may mai mayo",
		"june jun juin juni junio",
		"july jul juillet juli juil julio",
		"august aug août aout agosto",
		"september sep sept septembre septiembre setiembre",
		"october oct octobre oktober okt octubre",
		"november nov novembre noviembre",
		"december dec décembre decembre dezember déc dez diciembre",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

var monthPattern = func() string {
	var names []string
	for n := range months {
		names = append(names, regexp.QuoteMeta(n))
	}
	// Longest first, so that "march" wins over "mar".
	for i := 0; i < len(names); i++ {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) || len(names[j]) == len(names[i]) && names[j] < names[i] {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	return `(?:` + strings.Join(names, "|") + `)\.?`
}()

// Language names in English, French and German -> tag, from CLDR, plus
// the names people use that CLDR does not.
var (
	langOnce  sync.Once
	langNames map[string]string
)

func languageNames() map[string]string {
	langOnce.Do(func() {
		langNames = map[string]string{}
		namers := []display.Namer{display.English.Languages(), display.French.Languages(), display.German.Languages()}
		for a := 'a'; a <= 'z'; a++ {
			for b := 'a'; b <= 'z'; b++ {
				code := string([]rune{a, b})
				base, err := language.ParseBase(code)
				if err != nil || base.String() != code {
					continue
				}
				tag := language.Make(code)
				for _, n := range namers {
					if name := strings.ToLower(n.Name(tag)); name != "" && !strings.ContainsAny(name, "()") {
						if _, dup := langNames[name]; !dup {
							langNames[name] = code
						}
					}
				}
			}
		}
		for name, code := range map[string]string{
			"farsi": "fa", "español": "es", "inglés": "en", "ingles": "en", "francés": "fr", "árabe": "ar", "alemán": "de", "ruso": "ru", "persa": "fa", "mandarin": "zh", "cantonese": "zh", "castilian": "es", "flemish": "nl",
			"englisch": "en", "deutsch": "de", "französisch": "fr", "russisch": "ru", "kasachisch": "kk",
			"spanisch": "es", "arabisch": "ar", "türkisch": "tr", "chinesisch": "zh", "persisch": "fa",
			"portugiesisch": "pt", "italienisch": "it", "ukrainisch": "uk", "belarussisch": "be",
		} {
			langNames[name] = code
		}
	})
	return langNames
}
