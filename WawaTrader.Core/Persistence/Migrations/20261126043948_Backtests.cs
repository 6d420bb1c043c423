using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Backtests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "backtests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    strategy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    symbols = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    settings_json = table.Column<string>(type: "TEXT", nullable: false),
                    metrics_json = table.Column<string>(type: "TEXT", nullable: true),
                    equity_json = table.Column<string>(type: "TEXT", nullable: true),
                    trades_json = table.Column<string>(type: "TEXT", nullable: true),
                    warnings_json = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backtests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backtests_created",
                table: "backtests",
                column: "created");

            migrationBuilder.CreateIndex(
                name: "IX_backtests_status",
                table: "backtests",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backtests");
        }
    }
}
