// Loads a CSV file of sales into a table with COPY and prints totals per region.
//
//   ./tusk script examples/load-and-report.groovy [CSV] [TABLE]
//
// CSV defaults to sales.csv beside this script, TABLE to "sales" (replaced if it exists).
// Connection options go before the script name: ./tusk script -h HOST -p PORT -d DB examples/...
// Exit status: 0 ok, 1 on an error (with the script line), 2 if the server cannot be reached,
// 64 for bad arguments.

if (args.length > 2) {
    err.println "usage: load-and-report.groovy [CSV] [TABLE]"
    exit(64)
}
def csv = args.length > 0 ? new File(args[0]) : new File(scriptFile.parentFile, 'sales.csv')
def table = args.length > 1 ? args[1] : 'sales'
if (!csv.isFile()) {
    err.println "no such file: $csv"
    exit(64)
}
def name = '"' + table.replace('"', '""') + '"'    // quoted identifier

def loaded = db.transaction {
    db.execute """
        DROP TABLE IF EXISTS $name;
        CREATE TABLE $name (
            sold_on    date    NOT NULL,
            region     text    NOT NULL,
            product    text    NOT NULL,
            quantity   integer NOT NULL CHECK (quantity > 0),
            unit_price numeric(10,2) NOT NULL
        )""".toString()
    db.copyIn("COPY $name FROM STDIN (FORMAT csv, HEADER true)".toString(), csv)
}
out.println "loaded $loaded rows from ${csv.name} into $table"
out.println()

def rows = db.query("""
    SELECT region, count(*) AS sales, sum(quantity) AS units, sum(quantity * unit_price) AS revenue
      FROM $name GROUP BY region ORDER BY revenue DESC, region""".toString())

out.println String.format('%-8s %6s %6s %10s', 'region', 'sales', 'units', 'revenue')
out.println '-' * 33
rows.each { r ->
    out.println String.format('%-8s %6d %6d %10.2f', r.region, r.sales, r.units, r.revenue)
}
out.println '-' * 33
def total = db.firstRow("SELECT count(*) AS sales, sum(quantity) AS units, sum(quantity * unit_price) AS revenue FROM $name".toString())
out.println String.format('%-8s %6d %6d %10.2f', 'total', total.sales, total.units, total.revenue)

// the best-selling product by units, found with a parameterized query
def top = db.firstRow('SELECT product, sum(quantity) AS units FROM ' + name +
        ' WHERE sold_on BETWEEN $1 AND $2 GROUP BY product ORDER BY units DESC LIMIT 1', '2024-01-01', '2024-01-31')
out.println "top product in January: ${top.product} (${top.units} units)"
