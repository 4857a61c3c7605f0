// Package writerstest makes writers files of any size for tests and
// benchmarks: fictional writers with Kazakh names living in Kazakh towns.
package writerstest

import (
	"encoding/csv"
	"fmt"
	"io"
)

var (
	given   = []string{"Айгерим", "Нурлан", "Гүлнар", "Ерлан", "Әсем", "Бауыржан", "Жансая", "Дәурен", "Мөлдір", "Қанат", "Ұлжан", "Серік"}
	family  = []string{"Сәрсенбаев", "Жұмабаева", "Омаров", "Қасымова", "Төлеуов", "Нұрланова", "Әбдірахманов", "Серікова", "Ахметов", "Бекова"}
	streets = []string{"Абай даңғылы", "Төле би көшесі", "Сәтпаев көшесі", "Қабанбай батыр көшесі", "Желтоқсан көшесі"}
	towns   = [][2]string{{"Алматы", "050000"}, {"Шымкент", "160000"}, {"Қарағанды", "100000"}, {"Ақтөбе", "030000"}, {"Павлодар", "140000"}, {"Өскемен", "070000"}}
)

// CSV writes a writers file of n writers to w: deterministic, every row
// valid, country KZ, no language column (the run's --lang applies).
func CSV(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "address", "postcode", "city", "country", "email", "note"})
	for i := range n {
		g, f := given[i%len(given)], family[(i/len(given))%len(family)]
		town := towns[i%len(towns)]
		note := ""
		if i%5 == 0 {
			note = "Мен бұл істі басынан бері бақылап келемін."
		}
		cw.Write([]string{
			g + " " + f,
			fmt.Sprintf("%s, %d", streets[i%len(streets)], 1+i%97),
			town[1], town[0], "KZ",
			fmt.Sprintf("writer%d@example.org", i+1),
			note,
		})
	}
	cw.Flush()
	return cw.Error()
}
