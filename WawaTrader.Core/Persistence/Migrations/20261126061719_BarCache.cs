using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BarCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bars",
                columns: table => new
                {
                    symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    time = table.Column<long>(type: "INTEGER", nullable: false),
                    open = table.Column<double>(type: "REAL", nullable: false),
                    high = table.Column<double>(type: "REAL", nullable: false),
                    low = table.Column<double>(type: "REAL", nullable: false),
                    close = table.Column<double>(type: "REAL", nullable: false),
                    volume = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bars", x => new { x.symbol, x.time });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bars");
        }
    }
}
