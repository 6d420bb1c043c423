using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReconciliationEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    our_value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    broker_value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    client_order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliation_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_events_agent_id",
                table: "reconciliation_events",
                columns: new[] { "agent", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciliation_events");
        }
    }
}
