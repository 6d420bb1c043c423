using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReconciliationEventsPerAgent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "agent",
                table: "reconciliation_events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "agent",
                table: "reconciliation_events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldDefaultValue: "default");
        }
    }
}
